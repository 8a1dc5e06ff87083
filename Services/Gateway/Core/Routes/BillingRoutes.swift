import Foundation
import Hummingbird
import Schema

/// Invoices (JSON, CSV, HTML as billing renders them), usage and SMS mileage.
struct BillingRoutes {
    let dependencies: GatewayDependencies

    func register(_ routes: RouteRegistrar) {
        let dependencies = self.dependencies
        routes.add(.get, "/v1/invoices/{month}", .institution, sandboxKeys: true) { request, context in
            let institution = try context.institution()
            let month = try Self.month(context)
            let format = try Self.format(request)
            let reply = try await dependencies.ask(InvoiceQuery(institution: institution, month: month, format: format))
            guard reply.invoice.institution == institution else { throw Problem.notFound("invoice") }
            return Responses.text(reply.body, contentType: reply.contentType)
        }
        routes.add(.post, "/v1/invoices/{month}/issue", .operator) { _, context in
            try Responses.json(try await dependencies.ask(IssueInvoices(month: try Self.month(context))))
        }
        routes.add(.get, "/v1/usage/{month}", .institution, sandboxKeys: true) { _, context in
            let institution = try context.institution()
            let summary = try await dependencies.ask(UsageSummaryQuery(institution: institution, month: try Self.month(context)))
            guard summary.institution == institution else { throw Problem.notFound("usage") }
            return try Responses.json(summary)
        }
        routes.add(.get, "/v1/mileage", .institution) { request, context in
            var limit = 50
            if let text = request.uri.queryParameters.get("limit") {
                guard let value = Int(text), (0...1000).contains(value) else {
                    throw Problem.invalid(.invalidField, "limit must be 0…1000", field: "limit")
                }
                limit = value
            }
            return try Responses.json(try await dependencies.ask(MileageQuery(institution: try context.institution(), historyLimit: limit)))
        }
    }

    /// `YYYY-MM`.
    static func month(_ context: GatewayContext) throws -> String {
        let month = try context.parameter("month")
        let parts = month.split(separator: "-")
        guard month.count == 7, parts.count == 2, let year = Int(parts[0]), let number = Int(parts[1]),
              (2000...2999).contains(year), (1...12).contains(number) else {
            throw Problem.invalid(.invalidMonth, "month must be YYYY-MM", field: "month")
        }
        return month
    }

    /// `?format=json|csv|html`, else the `Accept` header, else JSON.
    static func format(_ request: Request) throws -> InvoiceFormat {
        if let text = request.uri.queryParameters.get("format") {
            guard let format = InvoiceFormat(rawValue: text.lowercased()) else {
                throw Problem.invalid(.invalidFormat, "format must be json, csv or html", field: "format")
            }
            return format
        }
        let accept = request.headers[.accept] ?? ""
        if accept.contains("text/csv") { return .csv }
        if accept.contains("text/html") { return .html }
        return .json
    }
}
