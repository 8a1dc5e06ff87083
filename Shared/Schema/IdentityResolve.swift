import Foundation

/// Resolve one CI to a deliverable line (ID-2) for a notice. A query: answered directly; the
/// release is appended to the disclosure ledger (ID-6) before the answer leaves.
public struct ResolveCI: BusRequest {
    public typealias Reply = Resolution
    public static let messageType = MessageType.query("identity.resolve", handledBy: "identity")

    /// 88 characters of standard base64 (64 bytes).
    public var ci: String
    /// The institution sending the notice (ledger: purpose).
    public var institution: String
    /// The notice the line is released for (ledger: reference).
    public var noticeId: String
    /// Seeds the choice among several lines at one carrier (tests); random when absent.
    public var seed: UInt64?

    public init(ci: String, institution: String, noticeId: String, seed: UInt64? = nil) {
        self.ci = ci
        self.institution = institution
        self.noticeId = noticeId
        self.seed = seed
    }
}

/// Resolve up to `ResolveBatch.maximumCount` CIs in one message (bulk campaigns, NO-7).
public struct ResolveBatch: BusRequest {
    public typealias Reply = ResolveBatchReply
    public static let messageType = MessageType.query("identity.resolveBatch", handledBy: "identity")
    /// The most CIs one message may carry.
    public static let maximumCount = 10_000

    public var cis: [String]
    /// One notice id per CI (same order and count), for the ledger.
    public var noticeIds: [String]
    public var institution: String
    public var seed: UInt64?

    public init(cis: [String], noticeIds: [String], institution: String, seed: UInt64? = nil) {
        self.cis = cis
        self.noticeIds = noticeIds
        self.institution = institution
        self.seed = seed
    }
}

/// One resolution per requested CI, in request order.
public struct ResolveBatchReply: BusMessage {
    public static let messageType = MessageType.reply("identity.resolveBatch.reply")
    public var results: [Resolution]

    public init(results: [Resolution]) { self.results = results }
}
