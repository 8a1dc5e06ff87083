import Bus
import GatewayCore

GatewayMetrics.bootstrapMetricsSystem()
await ServiceHost.main(GatewayService.self)
