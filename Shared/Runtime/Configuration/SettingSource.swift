/// Where one configuration value came from, kept so errors can name the flag or variable.
struct SourcedValue {
    var source: String
    var text: String
}

/// Flag-over-environment lookup for ``ServiceOptions``.
struct SettingSource {
    let environment: [String: String]

    /// Variables that configure every service; never read as a service-specific setting even
    /// when a service's name makes them look like one (`SONGDAL_DATA_DIR` for a service "data").
    static let globalVariables: Set<String> = [
        "SONGDAL_BUS", "SONGDAL_INSTANCE", "SONGDAL_DATA_DIR", "SONGDAL_LOG_DIR", "SONGDAL_KEYS_DIR",
        "SONGDAL_INSECURE", "SONGDAL_LOG_LEVEL", "SONGDAL_HOLIDAYS",
    ]

    func pick(flag: (name: String, value: String?), variable: String) -> SourcedValue? {
        if let value = flag.value { return SourcedValue(source: flag.name, text: value) }
        if let value = environment[variable], !value.isEmpty { return SourcedValue(source: variable, text: value) }
        return nil
    }

    /// `SONGDAL_<SERVICE>_<KEY>` variables, then `--set key=value` flags over them.
    func settings(service: String, flags: [String]) throws(ConfigurationError) -> [String: String] {
        let prefix = "SONGDAL_" + service.uppercased().replacingOccurrences(of: "-", with: "_") + "_"
        var settings: [String: String] = [:]
        for (name, value) in environment
        where name.hasPrefix(prefix) && name.count > prefix.count && !Self.globalVariables.contains(name) {
            settings[ServiceConfiguration.normalizedSettingKey(String(name.dropFirst(prefix.count)))] = value
        }
        for entry in flags {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw .invalidSetting(entry)
            }
            let key = ServiceConfiguration.normalizedSettingKey(String(entry[..<equals]))
            settings[key] = String(entry[entry.index(after: equals)...])
        }
        return settings
    }
}
