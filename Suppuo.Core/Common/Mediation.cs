using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Suppuo.Core.Common;

/// <summary>
/// Registers MediatR 5.1.0 with the framework's container: its <see cref="ServiceFactory"/> plus every handler in
/// Core. MediatR 9+ needs MediatR.Contracts, which the registry here lacks (docs/decisions/001-mediatr-5.md).
/// </summary>
public static class Mediation
{
    /// <summary>Safe to call once per assembly that holds handlers (Core; Web for its event forwarders).</summary>
    public static IServiceCollection AddMediation(this IServiceCollection services, params System.Reflection.Assembly[] assemblies)
    {
        services.TryAddScoped<ServiceFactory>(provider => provider.GetService!);
        services.TryAddScoped<IMediator, Mediator>();
        // Rights before input: whoever may not make a change learns nothing from its validation (the first behaviour
        // registered runs outermost).
        services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(IPipelineBehavior<,>), typeof(Workspaces.AdminOnlyBehavior<,>)));
        services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>)));

        Type[] handlerInterfaces = [typeof(IRequestHandler<,>), typeof(INotificationHandler<>)];
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && handlerInterfaces.Contains(i.GetGenericTypeDefinition())))
                services.AddScoped(contract, type);
        return services;
    }
}
