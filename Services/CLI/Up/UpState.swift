import Foundation

/// What a running `songdal up` announces in `<home>/up.json`, so `demo`, `send`, `status` and
/// `campaign` find the gateway and the demo keys without flags.
struct UpState: Codable, Sendable {
    /// The supervisor's process id.
    var pid: Int32
    /// The broker endpoint the children use.
    var bus: String
    /// The gateway's base URL, e.g. `http://127.0.0.1:8080`.
    var gatewayURL: String
    /// The demo institution's id and API key (institution scope), when seeded.
    var institution: String?
    var institutionKey: String?
    /// The demo operator's API key (operator scope), when seeded.
    var operatorKey: String?
    /// The demo institution's sandbox key (`sdk_test_…`, SPEC X-8), which `songdal demo` uses.
    var sandboxKey: String?

    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: url, options: .atomic)
        // The file holds API keys: owner-only.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    static func read(from url: URL) throws -> UpState {
        try JSONDecoder().decode(UpState.self, from: Data(contentsOf: url))
    }
}
