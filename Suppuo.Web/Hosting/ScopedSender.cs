using MediatR;

namespace Suppuo.Web.Hosting;

/// <summary>
/// How components send requests. A circuit lives for hours and a DbContext must not, so each request gets its own
/// DI scope: two clicks never share a DbContext.
/// </summary>
public sealed class ScopedSender(IServiceScopeFactory scopes)
{
    public async Task<T> Send<T>(IRequest<T> request, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }
}
