import Bus
import Foundation
import Schema

extension IdentityHandlers {
    /// `identity.resolve` and `identity.resolveBatch`: queries that ledger the release before
    /// answering (see `NoticeResolver`).
    func registerResolve() {
        let notices = NoticeResolver(resolver: directory.resolver, pool: directory.pool)
        endpoint.answer(ResolveCI.self) { request, context in
            try notices.resolve(request, requester: String(context.envelope.header.sourceService), now: context.now)
        }
        endpoint.answer(ResolveBatch.self) { request, context in
            ResolveBatchReply(results: try notices.resolve(
                request, requester: String(context.envelope.header.sourceService), now: context.now))
        }
    }
}
