import Foundation

/// One child process of `songdal up`: which executable, with which arguments.
struct ChildSpec: Sendable, Hashable {
    /// Service name (`bus`, `identity`, …, `gateway`); names the log file and the log lines.
    var name: String
    /// Absolute path of the executable.
    var executable: URL
    /// Arguments passed on every (re)start.
    var arguments: [String]

    /// The children of a whole platform, in start order: the broker first, the gateway last.
    static func platform(binaries: URL, layout: PlatformLayout, busEndpoint: String, gatewayPort: Int,
                         services: [String], extraSettings: [String: [String]] = [:]) -> [ChildSpec] {
        let common = [
            "--bus", busEndpoint,
            "--data-dir", layout.data.path,
            "--log-dir", layout.logs.path,
            "--keys-dir", layout.keys.path,
        ]
        var children = [ChildSpec(name: "bus", executable: binaries.appending(path: "songdal-bus"), arguments: common)]
        for service in services {
            var arguments = common
            if service == "gateway" {
                arguments += ["--set", "port=\(gatewayPort)", "--set", "host=127.0.0.1"]
            }
            if service == "notifier" {
                // Recipients' links point at this platform's gateway.
                arguments += ["--set", "link-base=http://127.0.0.1:\(gatewayPort)/r/"]
            }
            for setting in extraSettings[service] ?? [] { arguments += ["--set", setting] }
            children.append(ChildSpec(
                name: service, executable: binaries.appending(path: "songdal-\(service)"), arguments: arguments))
        }
        return children
    }
}
