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
    }
});

// W23: while the canned-response list is open, the composer's arrows, Enter, Tab and Esc move and pick in it (Blazor
// reads them) instead of moving the caret, adding a line or leaving the page.
document.addEventListener("keydown", (event) => {
    if (!event.target.closest?.("[data-canned-open=true]") || event.ctrlKey || event.metaKey) return;
    if (["ArrowDown", "ArrowUp", "Enter", "Tab", "Escape"].includes(event.key)) {
        event.preventDefault();
        event.stopPropagation();
    }
}, true);
