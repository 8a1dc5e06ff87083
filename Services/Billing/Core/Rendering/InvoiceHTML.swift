import Formats
import Foundation
import Schema

/// The printable statement page the gateway serves: self-contained HTML, every text escaped.
public enum InvoiceHTML {
    public static func render(_ invoice: Invoice) -> String {
        var rows = ""
        for line in invoice.lines {
            rows += "<tr class=\"\(line.kind.rawValue)\"><td>\(escape(line.description))</td><td>\(escape(line.usageMonth))</td>"
                + "<td class=\"n\">\(escape(Quantity.text(line.quantity, scale: line.quantityScale))) \(escape(line.unit))</td>"
                + "<td class=\"n\">\(Quantity.won(line.unitPrice))</td><td>\(escape(line.basis ?? ""))</td>"
                + "<td class=\"n\">\(Quantity.won(line.amount))</td></tr>\n"
        }
        let issued = invoice.issuedAt.map { "Issued \(ISO8601DateFormatter().string(from: $0))" } ?? "Draft: the month is still open"
        return """
            <!DOCTYPE html>
            <html lang="ko"><head><meta charset="utf-8"><title>Statement \(escape(invoice.institution)) \(escape(invoice.month))</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:4px 8px;text-align:left}.n{text-align:right}.discount td{color:#060}.adjustment td{font-style:italic}tfoot td{font-weight:bold}</style>
            </head><body>
            <h1>Statement of account</h1>
            <p>Institution: \(escape(invoice.institution))<br>Month: \(escape(invoice.month)) (KST)<br>Plan: \(escape(invoice.plan.rawValue))<br>\(escape(issued))</p>
            <table><thead><tr><th>Item</th><th>Usage month</th><th class="n">Quantity</th><th class="n">Unit price (KRW)</th><th>Basis</th><th class="n">Amount (KRW)</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            <tfoot><tr><td colspan="5">Subtotal</td><td class="n">\(Quantity.won(invoice.subtotal))</td></tr>
            <tr><td colspan="5">VAT</td><td class="n">\(Quantity.won(invoice.vat))</td></tr>
            <tr><td colspan="5">Total</td><td class="n">\(Quantity.won(invoice.total))</td></tr></tfoot>
            </table></body></html>

            """
    }

    /// The platform's one escaper (Formats).
    static func escape(_ text: String) -> String { HTMLEscape.text(text) }
}
