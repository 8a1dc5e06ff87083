import Foundation
@testable import GatewayCore
import Schema
import Testing

/// The gateway maps a service's refusal by its code's kind only: every declared code answers the
/// status its kind documents, and a foreign id answers byte for byte like an unknown one.
@Suite("Error code mapping")
struct ErrorCodeMappingTests {
    @Test("every declared code answers its kind's documented status, with its own code")
    func everyCodeMapsByKind() {
        for code in ErrorCode.all {
            let problem = ProblemMapping.problem(for: ErrorReply(code: code, message: "m", field: "f"))
            #expect(Int(problem.status.code) == code.kind.httpStatus, "\(code)")
            // Another tenant's id and every kind of unknown id answer the same bytes (issue 20).
            let hidden = code.kind == .forbidden || code.kind == .notFound
            #expect(problem.code == (hidden ? .notFound : code), "\(code)")
        }
        for kind in ErrorCode.Kind.allCases {
            #expect(Int(ProblemMapping.status(for: kind).code) == kind.httpStatus, "\(kind)")
            #expect(!ProblemMapping.status(for: kind).reasonPhrase.isEmpty, "\(kind)")
        }
    }

    @Test("a foreign id and an unknown id answer the same bytes, whatever message and field each carries")
    func foreignLooksUnknown() {
        let foreign = ProblemMapping.problem(for: ErrorReply(code: .forbidden, message: "the document belongs to another institution",
                                                             field: "institution"))
        let unknown = ProblemMapping.problem(for: ErrorReply(code: .notFound, message: "no document 1.2.3", field: "documentId"))
        #expect(foreign.status == .notFound)
        #expect(foreign.body == unknown.body)
        #expect(foreign.headers == unknown.headers)
        let text = String(decoding: foreign.body, as: UTF8.self)
        #expect(!text.contains("institution") && !text.contains("1.2.3"))
    }

    @Test("a code this build does not know answers 422 with that code")
    func unknownCodeIsInvalid() throws {
        let reply = try JSONDecoder().decode(ErrorReply.self, from: Data(#"{"code":"from_the_future","message":"m"}"#.utf8))
        let problem = ProblemMapping.problem(for: reply)
        #expect(problem.status == .unprocessableContent)
        #expect(problem.code.rawValue == "from_the_future")
    }
}
