import Bus
import Foundation
import Schema

extension IdentityHandlers {
    /// Imports (as background jobs), their status, and single updates.
    func registerDirectory() {
        let cipher = directory.cipher
        let logger = self.logger
        endpoint.handle(ImportDirectoryFile.self) { request, context in
            let accepted = try ImportJobs.create(request, now: context.now, in: context.db)
            logger.info("directory import accepted", metadata: ["job": "\(accepted.jobId)", "mode": "\(request.mode.rawValue)"])
            return accepted
        }
        endpoint.answer(ImportStatus.self) { request, context in
            try await context.store.pool.read { try ImportJobs.report(job: request.jobId, in: $0) }
        }
        endpoint.handle(ChangeNumber.self) { request, context in
            let result = try LineUpdates(cipher: cipher).changeNumber(request, in: context.db)
            logger.info("number change", metadata: ["changed": "\(result.changed)"])
            return result
        }
        endpoint.handle(CancelLine.self) { request, context in
            let result = try LineUpdates(cipher: cipher).cancel(request, in: context.db)
            logger.info("line cancellation", metadata: ["changed": "\(result.changed)"])
            return result
        }
    }
}
