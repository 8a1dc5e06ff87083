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

    static let demoInstitution = "demo-bank"

    /// The keys of an earlier start, or new ones seeded into the gateway store in `data`.
    static func loadOrSeed(layout: PlatformLayout) throws -> DemoKeys {
        let file = layout.keys.appending(path: "demo-api-keys.json")
        if let data = try? Data(contentsOf: file), let keys = try? JSONDecoder().decode(DemoKeys.self, from: data) {
            return keys
        }
        let gateway = try GatewayKeys(directory: layout.data)
        let keys = DemoKeys(
            institution: demoInstitution,
            institutionKey: try gateway.create(institution: demoInstitution, scope: .institution, label: "songdal up demo"),
            operatorKey: try gateway.create(institution: nil, scope: .operator, label: "songdal up demo"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(keys).write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        return keys
    }
}
