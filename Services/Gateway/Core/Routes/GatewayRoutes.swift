import Hummingbird

/// The router: the outermost middleware, then every route group.
enum GatewayRoutes {
    static func makeRouter(dependencies: GatewayDependencies) -> Router<GatewayContext> {
        let router = Router(context: GatewayContext.self)
        router.add(middleware: GatewayMiddleware(dependencies: dependencies))
        let registrar = RouteRegistrar(router: router, dependencies: dependencies)
        SystemRoutes(dependencies: dependencies).register(registrar)
        KeyRoutes(dependencies: dependencies).register(registrar)
        OnboardingRoutes(dependencies: dependencies).register(registrar)
        SimulatorRoutes(dependencies: dependencies).register(registrar)
        DocumentRoutes(dependencies: dependencies).register(registrar)
        VaultAuditRoutes(dependencies: dependencies).register(registrar)
        BillingRoutes(dependencies: dependencies).register(registrar)
        IdentityRoutes(dependencies: dependencies).register(registrar)
        GuaranteeRoutes(dependencies: dependencies).register(registrar)
        NotifierBinding.register(registrar, dependencies: dependencies)
        DashboardRoutes(dependencies: dependencies).register(registrar)
        return router
    }
}
