import Metrics
import Prometheus
import Vapor

/// Request counts and latencies, collected through swift-metrics (Vapor reports every request) and
/// served in Prometheus's text format. The metrics system is process-wide, so it is set up once.
enum ServiceMetrics {
    static let registry = PrometheusCollectorRegistry()

    private static let bootstrapOnce: Void = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }()

    static func bootstrap() { _ = bootstrapOnce }

    static func text() -> String { registry.emitToString() }
}
