import Foundation
import HTTPTypes
import Hummingbird
import Schema

/// Documents in the vault: streamed upload, metadata, download by the owner, certificates.
struct DocumentRoutes {
    let dependencies: GatewayDependencies

    struct CertificateRequest: Decodable {
        var kind: VaultCertificateKind
        var requester: String
        var purpose: String
        var copy: Bool?
    }

    func register(_ routes: RouteRegistrar) {
        let dependencies = self.dependencies
        routes.add(.post, "/v1/documents", .institution, sandboxKeys: true) { request, context in
            let input = try Self.documentInput(request.uri.queryParameters, institution: try context.institution())
            let staged = try await RequestBodies.stage(request, in: dependencies.staging, limit: dependencies.configuration.maxUploadBytes)
            defer { try? FileManager.default.removeItem(at: staged.url) }
            let stored = try await dependencies.ask(StoreDocumentFile(document: input, path: staged.url.path))
            return try Responses.json(stored, status: .created, headers: [.location: "/v1/documents/\(stored.documentId)"])
        }
        routes.add(.get, "/v1/documents/{id}", .institution, sandboxKeys: true) { _, context in
            let institution = try context.institution()
            let metadata = try await dependencies.ask(DocumentMetadataQuery(documentId: try context.parameter("id"), reader: .institution(institution)))
            guard metadata.institution == institution else { throw Problem.notFound("document") }
            return try Responses.json(metadata)
        }
        routes.add(.get, "/v1/documents/{id}/content", .institution, sandboxKeys: true) { _, context in
            let institution = try context.institution()
            let id = try context.parameter("id")
            let content = try await dependencies.ask(FetchDocument(documentId: id, reader: .institution(institution)))
            return Responses.bytes(content.content, contentType: DocumentKinds.contentType(content.kind), headers: [
                .contentDisposition: DocumentKinds.disposition("attachment", fileName: content.fileName),
                HTTPField.Name("X-Content-SHA256")!: content.contentHash,
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            ])
        }
        routes.add(.post, "/v1/documents/{id}/certificates", .institution) { request, context in
            let body = try await RequestBodies.json(CertificateRequest.self, from: request, limit: dependencies.configuration.maxJSONBytes)
            guard body.kind == .original || body.kind == .registration else {
                throw Problem.invalid(.invalidCertificateKind, "documents issue 'original' or 'registration' certificates", field: "kind")
            }
            let issued = try await dependencies.ask(IssueCertificate(
                kind: body.kind, documentId: try context.parameter("id"), institution: try context.institution(),
                requester: body.requester, purpose: body.purpose, copy: body.copy ?? false))
            return try Responses.json(issued, status: .created)
        }
    }

    /// Metadata comes in the query string (the body is the file itself).
    static func documentInput(_ query: Parameters, institution: String) throws -> VaultDocumentInput {
        guard let fileName = query.get("fileName"), !fileName.isEmpty, fileName.count <= 255 else {
            throw Problem.invalid(.missingField, "fileName is required (query parameter)", field: "fileName")
        }
        guard let title = query.get("title"), !title.isEmpty, title.count <= 500 else {
            throw Problem.invalid(.missingField, "title is required (query parameter)", field: "title")
        }
        var retention: Int?
        if let text = query.get("retentionYears") {
            guard let years = Int(text), (1...100).contains(years) else {
                throw Problem.invalid(.invalidField, "retentionYears must be 1…100", field: "retentionYears")
            }
            retention = years
        }
        let keywords = query.get("keywords")?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        return VaultDocumentInput(institution: institution, packageId: query.get("packageId"), fileName: fileName,
                                  kind: query.get("kind"), title: title, keywords: keywords,
                                  description: query.get("description") ?? "", retentionYears: retention)
    }
}
