import Bus
import Logging
import Schema

/// Applies a `VaultEvidenceBatch` (the notifier's bulk delivery/read evidence) item by item with
/// the same rules as a single `VaultEvidence`; refused items are skipped and logged as a count.
enum EvidenceBatchHandler {
    static func register(on endpoint: BusEndpoint, logger: Logger) {
        endpoint.handle(VaultEvidenceBatch.self) { batch, context in
            var refused = 0
            for item in batch.items {
                do { try EvidenceRecorder.record(item, in: context.db) } catch is ErrorReply { refused += 1 }
            }
            if refused > 0 {
                logger.warning("evidence items refused", metadata: ["count": "\(refused)", "batch": "\(batch.items.count)"])
            }
        }
    }
}
