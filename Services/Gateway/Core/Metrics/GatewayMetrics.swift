import Foundation
import Prometheus

/// The gateway's Prometheus registry. The gateway records into it directly (so `/metrics` works
/// in tests without touching the global `MetricsSystem`); the executable also bootstraps
/// `MetricsSystem` with a factory over this registry, so the bus library's own metrics
/// (`songdal_bus_*`) land on the same page.
public final class GatewayMetrics: Sendable {
    /// The process-wide registry the executable bootstraps `MetricsSystem` with.
    public static let shared = GatewayMetrics()

    public let registry: PrometheusCollectorRegistry

    private static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(1000),
    ]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// One served request, labelled by route template (never the raw path: it may hold a token).
    func request(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(name: "songdal_gateway_requests_total",
                             labels: [("route", route), ("method", method), ("status", String(status))]).increment()
        registry.makeDurationHistogram(name: "songdal_gateway_request_duration_seconds",
                                       labels: [("route", route), ("method", method)],
                                       buckets: Self.latencyBuckets).record(duration)
    }

    /// One bus round trip made while serving a request.
    func busRoundTrip(service: String, type: String, outcome: String, duration: Duration) {
        registry.makeDurationHistogram(name: "songdal_gateway_bus_round_trip_seconds",
                                       labels: [("service", service), ("type", type), ("outcome", outcome)],
                                       buckets: Self.latencyBuckets).record(duration)
    }

    /// Gauges refreshed at each scrape.
    func set(gauge name: String, labels: [(String, String)], to value: Double) {
        registry.makeGauge(name: name, labels: labels).set(value)
    }

    /// The text exposition format.
    func render() -> [UInt8] { registry.emitToBuffer() }
}
