import Foundation
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Runtime
import Testing

@Suite(.serialized) struct DashboardTests {
    @Test func loginSetsACookieAndThePageShowsEveryPanel() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let anonymous = try await client.send(.get, "/dashboard")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/dashboard/login")

            let institution = try await client.send(.post, "/dashboard/login", body: "key=\(harness.institutionA)")
            #expect(institution.status == .unauthorized)
            let wrong = try await client.send(.post, "/dashboard/login", body: "key=sdk_nope")
            #expect(wrong.status == .unauthorized)

            // A campaign started through the gateway shows up with its bars.
            _ = try await client.send(.post, "/v1/campaigns?name=지방세%2011월", key: harness.institutionA, body: "phone\n01012345678\n")

            let login = try await client.send(.post, "/dashboard/login", body: "key=\(harness.operatorKey)")
            #expect(login.status == .seeOther)
            let setCookie = try #require(login.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            let cookie = try #require(login.cookie)

            let page = try await client.send(.get, "/dashboard", headers: ["Cookie": cookie])
            #expect(page.status == .ok)
            #expect(page.text.contains("지방세 11월"))
            #expect(page.text.contains("role=\"progressbar\""))
            #expect(page.text.contains("sim-kt"))
            #expect(page.text.contains("dead letter"))
            #expect(page.text.contains("inst-a"))
            #expect(page.text.contains("1,100원") || page.text.contains("1100원"))
            #expect(!page.text.lowercased().contains("<script"))

            // (The fake vault has a flagged document, so the page does carry an integrity alarm.)
            #expect(!page.text.contains("공휴일 달력에"), "an alarm on a calendar that covers next year")

            let byHeader = try await client.send(.get, "/dashboard", key: harness.auditorKey)
            #expect(byHeader.status == .ok)
            let institutionHeader = try await client.send(.get, "/dashboard", key: harness.institutionA)
            #expect(institutionHeader.status == .forbidden)

            let logout = try await client.send(.post, "/dashboard/logout", headers: ["Cookie": cookie])
            #expect(logout.status == .seeOther)
            let after = try await client.send(.get, "/dashboard", headers: ["Cookie": cookie])
            #expect(after.status == .seeOther)
        }
        await harness.shutdown()
    }

    /// The calendar rules' operator alarm: within 90 days of year end, a missing next year shows
    /// on the dashboard (the cluster's fake clock reads 2026-11-23).
    @Test func aCalendarWithoutNextYearRaisesAnAlarm() async throws {
        let harness = try await GatewayHarness(calendar: BusinessCalendar(holidays: [:], coveredYears: 2026...2026))
        try await harness.withClient { client in
            let page = try await client.send(.get, "/dashboard", key: harness.operatorKey)
            #expect(page.status == .ok)
            #expect(page.text.contains("role=\"alert\""))
            #expect(page.text.contains("공휴일 달력에 2027년이 없습니다"), "\(page.text)")
        }
        await harness.shutdown()
    }
}
