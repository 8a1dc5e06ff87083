import Foundation
@testable import GatewayCore
import Testing

/// The checked-in OpenAPI document lists exactly the routes the server registers.
@Suite(.serialized) struct OpenAPITests {
    /// `METHOD /path` pairs of the document (paths at two spaces, methods at four).
    static func documented(_ yaml: String) -> Set<String> {
        var result = Set<String>()
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "delete", "patch"].contains(method) { result.insert("\(method.uppercased()) \(path)") }
            } else if !line.hasPrefix(" ") {
                path = nil
            }
        }
        return result
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        let harness = try await GatewayHarness(services: [])
        let server = try #require(harness.handle.server)
        let registered = Set(server.routes.map { "\($0.method) \($0.path)" })
        let documented = Self.documented(OpenAPIDocument.yaml)
        #expect(registered.count > 40)
        #expect(registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
        #expect(documented.subtracting(registered).isEmpty, "documented but not served: \(documented.subtracting(registered).sorted())")
        await harness.shutdown()
    }

    @Test func theParserSeesAMissingRoute() {
        let yaml = "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      summary: x\n  /b/{id}:\n    post:\n    delete:\ncomponents:\n  x:\n    get:\n"
        #expect(Self.documented(yaml) == ["GET /a", "POST /b/{id}", "DELETE /b/{id}"])
    }

    @Test func theDocumentIsServedAsYAML() async throws {
        let harness = try await GatewayHarness(services: [])
        try await harness.withClient { client in
            let response = try await client.send(.get, "/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(response.text.hasPrefix("openapi: 3.1.0"))
        }
        await harness.shutdown()
    }
}
