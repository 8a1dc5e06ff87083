import Metrics
import Prometheus

extension GatewayMetrics {
    /// Makes swift-prometheus the process's `MetricsSystem` factory over the shared registry, so
    /// the bus library's metrics appear on `/metrics` too. Call once, from the executable only
    /// (tests never bootstrap the global system).
    public static func bootstrapMetricsSystem() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: shared.registry))
    }
}
