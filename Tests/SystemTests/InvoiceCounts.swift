/// The quantities of an invoice's usage lines per price-book item (tiers summed), from the
/// invoice JSON the gateway serves.
struct InvoiceCounts {
    let status: String?
    let quantities: [String: Int]

    init(_ invoice: [String: Any]) {
        status = invoice["status"] as? String
        var quantities: [String: Int] = [:]
        for line in invoice["lines"] as? [[String: Any]] ?? [] {
            guard let item = line["item"] as? String, let quantity = line["quantity"] as? Int,
                  line["kind"] as? String != "fee" else { continue }
            quantities[item, default: 0] += quantity
        }
        self.quantities = quantities
    }

    var sends: Int { quantities["notice.sent"] ?? 0 }
    var reads: Int { quantities["notice.read"] ?? 0 }
}
