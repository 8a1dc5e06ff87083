import Foundation
import Hummingbird

/// Reading request bodies within limits. A declared `Content-Length` over the limit is refused
/// before a byte is read; a body that grows past it while streaming is refused the moment it does.
enum RequestBodies {
    static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        try checkDeclaredLength(request, limit: limit)
        var collected = ByteBuffer()
        for try await var chunk in request.body {
            guard collected.readableBytes + chunk.readableBytes <= limit else { throw Problem.tooLarge(limit: limit) }
            collected.writeBuffer(&chunk)
        }
        return collected
    }

    static func checkDeclaredLength(_ request: Request, limit: Int) throws {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw Problem.tooLarge(limit: limit)
        }
    }

    /// Decodes a JSON body, refusing an empty or non-JSON one with a typed problem.
    static func json<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        let buffer = try await collect(request, limit: limit)
        guard buffer.readableBytes > 0 else { throw Problem.badRequest(.emptyBody, "a JSON body is required") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw ProblemMapping.problem(for: error)
        }
    }

    /// A UTF-8 text body (CSV uploads).
    static func text(_ request: Request, limit: Int) async throws -> String {
        let buffer = try await collect(request, limit: limit)
        guard buffer.readableBytes > 0 else { throw Problem.badRequest(.emptyBody, "the file is empty") }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw Problem.badRequest(.invalidEncoding, "the file must be UTF-8 text")
        }
        return text
    }

    /// Streams the body to a new file in `directory` (never holding it in memory); returns its URL
    /// and size. The caller removes the file when done.
    static func stage(_ request: Request, in directory: URL, limit: Int) async throws -> (url: URL, size: Int) {
        try checkDeclaredLength(request, limit: limit)
        let url = directory.appendingPathComponent(UUID().uuidString)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw Problem(.internalServerError, code: .stagingFailed, detail: "the upload could not be staged")
        }
        var size = 0
        do {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            for try await chunk in request.body {
                size += chunk.readableBytes
                guard size <= limit else { throw Problem.tooLarge(limit: limit) }
                try handle.write(contentsOf: chunk.readableBytesView)
            }
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        guard size > 0 else {
            try? FileManager.default.removeItem(at: url)
            throw Problem.badRequest(.emptyBody, "the upload is empty")
        }
        return (url, size)
    }
}
