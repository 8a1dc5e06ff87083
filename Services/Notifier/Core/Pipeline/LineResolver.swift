import Bus
import Foundation
import Schema

/// Resolves CIs to lines through identity, up to 10,000 per message (`identity.resolveBatch`).
/// A batch identity cannot answer now is left for a later step, never dropped.
struct LineResolver: Sendable {
    let context: NotifierContext

    /// Resolution per notice seq; notices missing from the answer were not resolved this time.
    func resolve(_ notices: [DueNotice]) async -> [Int64: Resolution] {
        var results: [Int64: Resolution] = [:]
        let byInstitution = Dictionary(grouping: notices.filter { $0.ci != nil }, by: \.row.institution)
        for (institution, group) in byInstitution {
            for start in stride(from: 0, to: group.count, by: context.settings.resolveBatch) {
                let slice = group[start..<min(group.count, start + context.settings.resolveBatch)]
                let request = ResolveBatch(cis: slice.compactMap(\.ci), noticeIds: slice.map { context.ids.id($0.row.seq) },
                                           institution: institution)
                do {
                    let reply = try await context.endpoint.request(request, timeoutMilliseconds: 10_000)
                    guard reply.results.count == slice.count else {
                        context.logger.error("identity answered a batch with the wrong count", metadata: ["sent": "\(slice.count)", "got": "\(reply.results.count)"])
                        continue
                    }
                    for (notice, result) in zip(slice, reply.results) { results[notice.row.seq] = result }
                } catch {
                    context.logger.warning("CI resolution deferred", metadata: ["count": "\(slice.count)", "error": "\(error)"])
                }
            }
        }
        return results
    }
}
