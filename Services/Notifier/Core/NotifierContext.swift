import Bus
import Foundation
import Logging
import Runtime
import Schema
import SongdalCrypto

/// What the notifier's parts share: endpoint, settings, window, providers, keys.
struct NotifierContext: Sendable {
    let endpoint: BusEndpoint
    let settings: NotifierSettings
    let window: SendingWindow
    let pool: ProviderPool
    /// The simulated carriers alone, for sandbox notices and their codes and reminders:
    /// whatever `providers` says, a sandbox message never reaches a real provider.
    let sandboxPool: ProviderPool
    let network: SimulatedNetwork
    let links: LinkToken
    /// Keys OTP hashes (a leaked table does not give codes away by a 10⁶ brute force offline).
    let secrets: HMACKey
    let ids: NoticeIDs
    let clock: any WallClock
    let logger: Logger

    var now: Date { clock.now }

    /// The only way a notice's state changes (NO-2).
    var lifecycle: NoticeLifecycle { NoticeLifecycle(ids: ids, logger: logger) }

    func link(for noticeId: String) -> String { settings.linkBase + links.token(for: noticeId) }

    /// The providers a message of a sandbox (or live) notice may use.
    func pool(sandbox: Bool) -> ProviderPool { sandbox ? sandboxPool : pool }
}

/// Notice ids: `<store tag>-<sequence>`. The tag is random per store so ids never repeat across
/// stores (the vault and billing key their records on them).
struct NoticeIDs: Sendable {
    let tag: String

    func id(_ seq: Int64) -> String { "\(tag)-\(seq)" }

    /// The row of an id of this store, or nil.
    func seq(_ id: String) -> Int64? {
        guard let dash = id.lastIndex(of: "-"), id[..<dash] == tag else { return nil }
        return Int64(id[id.index(after: dash)...])
    }

    func campaignId(_ seq: Int64) -> String { "\(tag)-c\(seq)" }
}
