import ArgumentParser
import Foundation

/// Where an institution-side command finds the gateway and its key: flags, else the
/// `<home>/up.json` a running `songdal up` wrote.
struct PlatformOptions: ParsableArguments {
    @Option(help: "Folder of a running `songdal up` (env SONGDAL_HOME).")
    var home: String = ProcessInfo.processInfo.environment["SONGDAL_HOME"] ?? ".songdal"

    @Option(help: "Gateway base URL (env SONGDAL_GATEWAY; default: from up.json).")
    var gateway: String? = ProcessInfo.processInfo.environment["SONGDAL_GATEWAY"]

    @Option(name: .customLong("key"),
            help: "API key (env SONGDAL_API_KEY; default from up.json: the demo institution's key, or the operator's for `songdal audit`).")
    var key: String? = ProcessInfo.processInfo.environment["SONGDAL_API_KEY"]

    /// An HTTP client for the institution, or a usage error saying what is missing.
    func institutionClient() throws -> HTTPClient {
        try client { $0?.institutionKey }
    }

    /// An HTTP client for an operator (the `songdal up` operator key unless `--key` is given).
    func operatorClient() throws -> HTTPClient {
        try client { $0?.operatorKey }
    }

    private func client(defaultKey: (UpState?) -> String?) throws -> HTTPClient {
        let state = try? UpState.read(from: PlatformLayout(home: URL(fileURLWithPath: home)).stateFile)
        guard let url = gateway ?? state?.gatewayURL else {
            throw ValidationError("no gateway: pass --gateway, set SONGDAL_GATEWAY, or start the platform with `songdal up`")
        }
        guard let key = key ?? defaultKey(state) else {
            throw ValidationError("no API key: pass --key or set SONGDAL_API_KEY")
        }
        let client = try HTTPClient(base: url)
        client.defaultHeaders["Authorization"] = "Bearer \(key)"
        return client
    }
}

/// Prints a gateway answer: the JSON pretty-printed on success; on a problem+json, its code
/// and detail on stderr and exit 1.
enum GatewayAnswer {
    static func print(_ response: HTTPResponse) throws {
        guard (200...299).contains(response.status) else {
            let problem = response.json
            let text = "error \(response.status) \(problem?["code"] ?? ""): \(problem?["detail"] ?? response.text.prefix(300))\n"
            FileHandle.standardError.write(Data(text.utf8))
            throw ExitCode.failure
        }
        if let object = try? JSONSerialization.jsonObject(with: response.body),
           let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) {
            FileHandle.standardOutput.write(pretty + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(response.body)
        }
    }
}
