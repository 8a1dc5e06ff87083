import Foundation

/// A billable item of the price book (SPEC §4). The raw value is the price-book key.
public enum UsageItem: String, Codable, Sendable, CaseIterable {
    /// A certified notice that left for a carrier (BI-1). Quantity: notices.
    case noticeSent = "notice.sent"
    /// The first view of a notice by its recipient (BI-1). Quantity: reads.
    case noticeRead = "notice.read"
    /// One day of stored documents (BI-2, VA-8). Quantity: hundredths of a MB (1.01 MB = 101).
    case storageDay = "vault.storage.day"
    /// Issuance of an original copy (BI-2). Quantity: items.
    case originalIssuance = "vault.issuance.original"
    /// Issuance of a certificate (BI-2). Quantity: items.
    case certificateIssuance = "vault.issuance.certificate"
    /// Scanning and box services (BI-3). Quantity: pages or boxes.
    case trustedScanPage = "scan.trusted.page"
    case plainScanPage = "scan.plain.page"
    case boxStorage = "box.storage"
    case boxInOut = "box.inout"
    case packingBox = "box.packing"
    case shreddingBox = "box.shredding"
    /// An SMS/LMS sent on an institution's behalf (BI-5: free while mileage lasts). Quantity: messages.
    case smsSent = "sms.sent"
    /// A guarantee issued: earns one free SMS credit valid one year (BI-5). Quantity: credits.
    case mileageCredit = "mileage.credit"
}

/// One usage fact, recorded once by `eventId` (BI-4).
public struct UsageEvent: Codable, Sendable, Hashable {
    /// Stable id chosen by the producer, e.g. `notice.sent:<noticeId>`: a re-send is not re-billed.
    public var eventId: String
    /// The institution billed.
    public var institution: String
    public var item: UsageItem
    /// Units of `item` (see each case); never negative.
    public var quantity: Int64
    /// When it happened (UTC); billing assigns it to a KST month.
    public var occurredAt: Date
    /// What it is about (a notice id, a document id), for the invoice's detail.
    public var reference: String?

    public init(eventId: String, institution: String, item: UsageItem, quantity: Int64, occurredAt: Date, reference: String? = nil) {
        self.eventId = eventId
        self.institution = institution
        self.item = item
        self.quantity = quantity
        self.occurredAt = occurredAt
        self.reference = reference
    }
}

/// Usage events for billing, batched (a producer sends many per message). Sent through the
/// producer's outbox; billing applies each event once.
public struct RecordUsage: BusMessage {
    public static let messageType = MessageType.command("billing.recordUsage", handledBy: "billing")
    public var events: [UsageEvent]

    public init(events: [UsageEvent]) { self.events = events }
}
