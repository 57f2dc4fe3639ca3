using Suppuo.Core.Common;

namespace Suppuo.Core.Delivery;

/// <summary>Wakes the outbox worker when a delivery is queued (a reply, or an agent's retry).</summary>
public sealed class DeliverySignal : WorkSignal;
