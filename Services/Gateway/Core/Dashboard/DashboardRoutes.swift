import Foundation
import Hummingbird

/// The operator dashboard: a login form that sets a session cookie (or the key in a header for
/// scripts), then one server-rendered page.
struct DashboardRoutes {
    let dependencies: GatewayDependencies

    func register(_ routes: RouteRegistrar) {
        let dependencies = self.dependencies
        let sessions = DashboardSessions(store: dependencies.store)
        routes.add(.get, "/dashboard/login", .open) { _, _ in Responses.html(DashboardPage.login(error: false)) }
        routes.add(.post, "/dashboard/login", .open) { request, _ in
            let form = try await FormBody.read(request)
            let now = dependencies.clock.now
            guard let key = form["key"], let principal = try dependencies.authenticator.principal(for: key, now: now),
                  principal.scope != .institution else {
                return Responses.html(DashboardPage.login(error: true), status: .unauthorized)
            }
            let cookie = try sessions.create(keyId: principal.keyId, now: now, lifetime: dependencies.configuration.dashboardSessionSeconds)
            let secure = dependencies.configuration.secureCookies ? "; Secure" : ""
            return Responses.redirect(to: "/dashboard", headers: [
                .setCookie: "\(DashboardSessions.cookie)=\(cookie); Path=/dashboard; Max-Age=\(dependencies.configuration.dashboardSessionSeconds); HttpOnly; SameSite=Strict\(secure)",
            ])
        }
        routes.add(.post, "/dashboard/logout", .open) { request, _ in
            try sessions.end(cookie: request.cookies[DashboardSessions.cookie]?.value)
            return Responses.redirect(to: "/dashboard/login", headers: [
                .setCookie: "\(DashboardSessions.cookie)=; Path=/dashboard; Max-Age=0; HttpOnly; SameSite=Strict",
            ])
        }
        routes.add(.get, "/dashboard", .open) { request, _ in
            let principal: Principal?
            if RouteRegistrar.presentedKey(request) != nil {
                principal = try RouteRegistrar.authenticate(request, dependencies: dependencies)
            } else {
                principal = try sessions.principal(cookie: request.cookies[DashboardSessions.cookie]?.value, now: dependencies.clock.now)
            }
            guard let principal else { return Responses.redirect(to: "/dashboard/login") }
            guard principal.scope != .institution else {
                throw Problem(.forbidden, code: .insufficientScope, detail: "the dashboard needs an operator or auditor key")
            }
            let snapshot = await DashboardSnapshot.gather(dependencies)
            return Responses.html(DashboardPage.render(snapshot))
        }
    }
}
