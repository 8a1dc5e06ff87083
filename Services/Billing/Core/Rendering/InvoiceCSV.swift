import Schema

/// The CSV export of an invoice: one row per line, then subtotal, VAT and total rows.
public enum InvoiceCSV {
    static let header = "institution,month,status,kind,item,usage_month,tier,quantity,unit,unit_price,basis,amount,description"

    public static func render(_ invoice: Invoice) -> String {
        var rows = [header]
        for line in invoice.lines {
            rows.append([invoice.institution, invoice.month, invoice.status.rawValue, line.kind.rawValue, line.item, line.usageMonth,
                         line.tier.map(String.init) ?? "", Quantity.text(line.quantity, scale: line.quantityScale), line.unit,
                         String(line.unitPrice), line.basis ?? "", String(line.amount), line.description].map(field).joined(separator: ","))
        }
        for (name, amount) in [("subtotal", invoice.subtotal), ("vat", invoice.vat), ("total", invoice.total)] {
            rows.append([invoice.institution, invoice.month, invoice.status.rawValue, name, "", "", "", "", "", "", "", String(amount), ""]
                .map(field).joined(separator: ","))
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180 quoting; a leading formula character is neutralised for spreadsheets.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Int64(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
