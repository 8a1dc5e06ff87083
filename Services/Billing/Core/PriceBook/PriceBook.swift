import Foundation
import Runtime

/// The validated price book (`data/price-book.json`): dated rates per item, VAT percent.
public struct PriceBook: Sendable {
    /// The file's shape.
    struct File: Codable {
        var currency: String?
        var vatPercent: Int?
        var rates: [PriceRate]
    }

    public let vatPercent: Int
    /// Rates per item, ordered by `effectiveFrom`.
    public let rates: [String: [PriceRate]]

    /// Decodes and validates (see `PriceBookValidator`).
    public init(json: Data) throws(PriceBookError) {
        let decoder = JSONDecoder()
        let file: File
        do { file = try decoder.decode(File.self, from: json) } catch {
            throw .malformed(reason: "\(error)")
        }
        try self.init(rates: file.rates, vatPercent: file.vatPercent ?? 10)
    }

    public init(rates: [PriceRate], vatPercent: Int = 10) throws(PriceBookError) {
        let grouped = Dictionary(grouping: rates, by: \.item).mapValues { $0.sorted { $0.effectiveFrom < $1.effectiveFrom } }
        try PriceBookValidator.validate(grouped)
        self.rates = grouped
        self.vatPercent = vatPercent
    }

    /// Loads a file.
    public static func load(from url: URL) throws(PriceBookError) -> PriceBook {
        try load(from: .file(url))
    }

    /// Loads a file or the copy compiled into the binary.
    public static func load(from source: ReferenceDataSource) throws(PriceBookError) -> PriceBook {
        let data: Data
        do { data = try ReferenceData.data(of: source) } catch { throw .unreadable(path: source.description, reason: "\(error)") }
        return try PriceBook(json: data)
    }

    /// The rate of `item` for a month (rates change only at month boundaries).
    public func rate(_ item: String, in month: BillingMonth) throws(BillingError) -> PriceRate {
        guard let rate = rates[item]?.last(where: { $0.covers(month.firstDay) }) else {
            throw .noRate(item: item, month: month.description)
        }
        return rate
    }
}
