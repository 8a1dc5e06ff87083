import Foundation
import Schema

/// The JSON export of an invoice: sorted keys, fixed layout, ISO-8601 dates, so the same invoice
/// is always the same bytes (BI-4).
public enum InvoiceJSON {
    public static func encode(_ invoice: Invoice) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(invoice)
    }

    public static func decode(_ data: Data) throws -> Invoice {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Invoice.self, from: data)
    }
}
