import Bus
import Foundation
import Runtime
@testable import GatewayCore

import HTTPTypes
import Hummingbird

import HummingbirdTesting
import Schema
import SongdalTesting

/// A gateway in a test cluster with fake services and seeded keys.
final class GatewayHarness: Sendable {
    let cluster: TestCluster
    let handle: GatewayHandle
    let log = FakeServices.Log()
    let institutionA: String
    let institutionB: String
    let operatorKey: String
    let auditorKey: String

    static func testConfiguration() -> GatewayConfiguration {
        var configuration = GatewayConfiguration()
        configuration.port = 0
        configuration.maxJSONBytes = 4_096
        configuration.maxUploadBytes = 64 * 1024
        configuration.maxCSVBytes = 16 * 1024
        configuration.rateLimitBurst = 10_000
        configuration.rateLimitPerSecond = 10_000
        configuration.busTimeoutMilliseconds = 3_000
        return configuration
    }

    init(configuration: GatewayConfiguration = GatewayHarness.testConfiguration(), services: Set<String> = ["vault", "notifier", "billing", "identity", "reminder"],
         calendar: BusinessCalendar? = nil) async throws {
        cluster = try TestCluster(calendar: calendar)
        handle = GatewayHandle(configuration: configuration)
        if services.contains("vault") { try await cluster.start(FakeServices.vault()) }
        if services.contains("notifier") { try await cluster.start(FakeServices.notifier(log)) }
        if services.contains("billing") { try await cluster.start(FakeServices.billing()) }
        if services.contains("identity") { try await cluster.start(FakeServices.identity()) }
        if services.contains("reminder") { try await cluster.start(FakeServices.reminder()) }
        try await cluster.start(ClusterMember(service: GatewayService.name, migrations: GatewayService.migrations,
                                              registry: GatewayService.registry, build: handle.build))
        institutionA = try handle.createKey(institution: "inst-a", scope: .institution)
        institutionB = try handle.createKey(institution: "inst-b", scope: .institution)
        operatorKey = try handle.createKey(institution: nil, scope: .operator)
        auditorKey = try handle.createKey(institution: nil, scope: .auditor)
    }

    var application: Application<RouterResponder<GatewayContext>> {
        get throws {
            guard let server = handle.server else { throw GatewayHandleError.notBuilt }
            return server.application
        }
    }

    /// Runs `body` against the router in-process.
    func withClient(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await application.test(.router) { client in try await body(client) }
    }

    func shutdown() async { await cluster.shutdown() }
}

extension TestClientProtocol {
    /// One request with an optional key, body and extra headers.
    func send(_ method: HTTPRequest.Method, _ uri: String, key: String? = nil, body: String? = nil, bytes: [UInt8]? = nil,
              headers: [String: String] = [:]) async throws -> TestResponse {
        var fields = HTTPFields()
        if let key { fields[.authorization] = "Bearer \(key)" }
        for (name, value) in headers { if let field = HTTPField.Name(name) { fields[field] = value } }
        let buffer: ByteBuffer? = bytes.map { ByteBuffer(bytes: $0) } ?? body.map { ByteBuffer(string: $0) }
        return try await execute(uri: uri, method: method, headers: fields, body: buffer)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The problem's `code`, when the response is a problem.
    var problemCode: String? {
        guard headers[.contentType] == "application/problem+json",
              let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else { return nil }
        return object["code"] as? String
    }

    func json() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
    }

    /// `name=value` of the first Set-Cookie.
    var cookie: String? {
        headers[.setCookie].flatMap { $0.split(separator: ";").first.map(String.init) }
    }
}
