// Keyboard shortcuts of the inbox: j / k move, Enter opens. Ignored while typing in a field.
window.suppuoInbox = {
    attach(dotnet) {
        window.suppuoInbox.detach();
        window.suppuoInbox.handler = (e) => {
            const target = e.target;
            if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
            if (e.ctrlKey || e.metaKey || e.altKey) return;
            if (e.key === "j" || e.key === "k" || e.key === "Enter") {
                e.preventDefault();
                dotnet.invokeMethodAsync("OnShortcut", e.key);
            }
        };
        document.addEventListener("keydown", window.suppuoInbox.handler);
    },
    detach() {
        if (window.suppuoInbox.handler) document.removeEventListener("keydown", window.suppuoInbox.handler);
        window.suppuoInbox.handler = null;
    },
    scrollIntoView(selector) {
        document.querySelector(selector)?.scrollIntoView({ block: "nearest" });
    }
};

// The light/dark switch: theme.css follows <html data-theme>, or the system while it is unset.
window.suppuoTheme = {
    toggle() {
        const root = document.documentElement;
        const dark = root.dataset.theme ? root.dataset.theme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
        root.dataset.theme = dark ? "light" : "dark";
    }
};

// The drawer: beside the content on wide screens, over it on narrow ones (app.css). data-drawer on <html> is the
// agent's choice; unset, the drawer is open where it fits.
window.suppuoLayout = {
    wide: () => matchMedia("(min-width: 960px)").matches,
    toggleDrawer() {
        const root = document.documentElement;
        const open = root.dataset.drawer ? root.dataset.drawer === "open" : suppuoLayout.wide();
        root.dataset.drawer = open ? "closed" : "open";
    },
    // On a narrow screen the drawer covers the page: following a link closes it.
    closeDrawerAfterLink(event) {
        if (event.target.closest("a") && !suppuoLayout.wide()) delete document.documentElement.dataset.drawer;
    }
};

// The layout's controls name their action (data-action) and one listener runs it: the Content-Security-Policy (W26)
// refuses inline handlers (onclick="…").
document.addEventListener("click", (event) => {
    const control = event.target.closest?.("[data-action]");
    switch (control?.dataset.action) {
        case "toggle-drawer": suppuoLayout.toggleDrawer(); break;
        case "toggle-theme": suppuoTheme.toggle(); break;
        case "close-drawer-after-link": suppuoLayout.closeDrawerAfterLink(event); break;
        case "enable-notifications": suppuoNotify.requestPermission(); break;
    }
});

// W23 presence: keys typed in the ticket's composer tell the circuit "typing" (a reply, or a note when the composer
// is in note mode), at most every 1.5 s; the server lets it lapse a few seconds after the last report.
window.suppuoPresence = {
    attach(dotnet) {
        window.suppuoPresence.detach();
        let last = 0;
        let lastNote = null;
        window.suppuoPresence.handler = (e) => {
            if (e.target?.id !== "composer-text") return;
            const note = !!e.target.closest(".composer")?.classList.contains("internal");
            const now = Date.now();
            if (now - last < 1500 && note === lastNote) return;
            last = now;
            lastNote = note;
            dotnet.invokeMethodAsync("Typing", note);
        };
        document.addEventListener("input", window.suppuoPresence.handler);
    },
    detach() {
        if (window.suppuoPresence.handler) document.removeEventListener("input", window.suppuoPresence.handler);
        window.suppuoPresence.handler = null;
    }
};

// W23 notifications: the unread count before the page's title, and a browser notification per newly unread ticket once
// the agent allowed them. Permission is asked only from the "Turn on notifications" button's click, never on load.
window.suppuoNotify = {
    count: 0,
    update(count, arrived) {
        suppuoNotify.count = count;
        suppuoNotify.applyTitle();
        suppuoNotify.showPermissionButton();
        if (!("Notification" in window) || Notification.permission !== "granted") return;
        for (const ticket of arrived || []) {
            const notification = new Notification(ticket.title, { body: ticket.body, tag: `suppuo-ticket-${ticket.id}` });
            notification.onclick = () => { window.focus(); location.href = ticket.url; };
        }
    },
    // Blazor sets the title per page (<PageTitle>): the count goes back in front whenever it does.
    applyTitle() {
        const base = document.title.replace(/^\(\d+\) /, "");
        const wanted = suppuoNotify.count > 0 ? `(${suppuoNotify.count}) ${base}` : base;
        if (document.title !== wanted) document.title = wanted;
    },
    showPermissionButton() {
        const undecided = "Notification" in window && Notification.permission === "default";
        document.querySelectorAll("[data-action=enable-notifications]").forEach(button => button.hidden = !undecided);
    },
    requestPermission() {
        if (!("Notification" in window)) return;
        Notification.requestPermission().then(() => suppuoNotify.showPermissionButton());
    }
};
new MutationObserver(() => suppuoNotify.applyTitle()).observe(document.head, { subtree: true, childList: true, characterData: true });

// W23: while the canned-response list is open, the composer's arrows, Enter, Tab and Esc move and pick in it (Blazor
// reads them) instead of moving the caret, adding a line or leaving the page.
document.addEventListener("keydown", (event) => {
    if (!event.target.closest?.("[data-canned-open=true]") || event.ctrlKey || event.metaKey) return;
    if (["ArrowDown", "ArrowUp", "Enter", "Tab", "Escape"].includes(event.key)) {
        event.preventDefault();
        event.stopPropagation();
    }
}, true);
