import Bus
import Foundation
import GatewayCore

// `songdal-gateway bench [count]` runs the gateway benchmark alone (a release build of this
// executable is much cheaper than one of the whole CLI); anything else runs the service.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "bench" {
    let count = arguments.dropFirst().first.flatMap(Int.init)
    do {
        for (key, value) in try await GatewayBenchmark.run(count: count, directory: FileManager.default.temporaryDirectory) {
            print("\(key): \(value)")
        }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("bench failed: \(error)\n".utf8))
        exit(1)
    }
}
GatewayMetrics.bootstrapMetricsSystem()
await ServiceHost.main(GatewayService.self, arguments: arguments)
