import Foundation
import GatewayCore

/// The demo institution's and operator's API keys that `songdal up` seeds on first start.
///
/// Keys are stored hashed in the gateway's store; their plaintext exists only here, in
/// `<home>/keys/demo-api-keys.json` (mode 600), so a restart prints the same keys.
struct DemoKeys: Codable, Sendable {
    /// The demo institution's id.
    var institution: String
    var institutionKey: String
    var operatorKey: String
    /// The demo institution's sandbox key; seeded too when an older file lacks it.
    var sandboxKey: String?

    static let demoInstitution = "demo-bank"

    /// The keys of an earlier start, or new ones seeded into the gateway store in `data`.
    static func loadOrSeed(layout: PlatformLayout) throws -> DemoKeys {
        let file = layout.keys.appending(path: "demo-api-keys.json")
        if let data = try? Data(contentsOf: file), var keys = try? JSONDecoder().decode(DemoKeys.self, from: data) {
            // Known to the gateway (issue 20: institution keys only for known institutions); the demo
            // onboards it (billing subscription) before it uses the keys. Idempotent.
            try GatewayKeys(directory: layout.data).registerInstitution(keys.institution)
            guard keys.sandboxKey == nil else { return keys }
            keys.sandboxKey = try GatewayKeys(directory: layout.data).create(
                institution: keys.institution, scope: .institution, label: "songdal up demo (sandbox)", sandbox: true)
            try keys.write(to: file)
            return keys
        }
        let gateway = try GatewayKeys(directory: layout.data)
        try gateway.registerInstitution(demoInstitution)
        let keys = DemoKeys(
            institution: demoInstitution,
            institutionKey: try gateway.create(institution: demoInstitution, scope: .institution, label: "songdal up demo"),
            operatorKey: try gateway.create(institution: nil, scope: .operator, label: "songdal up demo"),
            sandboxKey: try gateway.create(institution: demoInstitution, scope: .institution, label: "songdal up demo (sandbox)",
                                           sandbox: true))
        try keys.write(to: file)
        return keys
    }

    private func write(to file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }

    /// The keys an earlier `songdal up` seeded in `<home>/keys`, if any (the demo's fallback
    /// for a sandbox key when up.json does not carry one).
    static func load(layout: PlatformLayout) -> DemoKeys? {
        let file = layout.keys.appending(path: "demo-api-keys.json")
        return (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode(DemoKeys.self, from: $0) }
    }
}
