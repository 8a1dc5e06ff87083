import Bus
import Foundation
import Runtime
import ZeroMQ

// songdal-bus: the stateless ROUTER every service connects to (DESIGN §3).
// On tcp it runs CURVE with the ZAP allow-list of the keys folder, unless --insecure.

let options: ServiceOptions
do {
    options = try ServiceOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    ServiceOptions.exit(withError: error)
}

await ServiceMain.run(service: "bus", options: options) { context in
    let configuration = context.configuration
    var brokerConfiguration = BrokerConfiguration(endpoint: configuration.busEndpoint)
    if configuration.busEndpoint.hasPrefix("tcp://"), !configuration.insecure {
        let keys = try BusKeys.loadOrCreate(BusKeys.brokerName, in: configuration.keysDirectory)
        let allowed = try BusKeys.allowedClients(in: configuration.keysDirectory)
        if allowed.isEmpty {
            context.logger.warning("no service keys in the keys folder: every CURVE client will be refused", metadata: [
                "keys": "\(configuration.keysDirectory.path)",
            ])
        }
        brokerConfiguration.security = .curveServer(keys: keys, allowedClients: allowed)
    }
    if let beat = configuration.setting("heartbeat-ms").flatMap(Int.init) {
        brokerConfiguration.heartbeatMilliseconds = beat
    }
    let broker = try Broker(configuration: brokerConfiguration, context: try Context(), logger: context.logger)
    return [BrokerService(broker: broker)]
}
