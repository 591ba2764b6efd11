import HTTPServer

extension Pages {
    /// The admins' pages of an office's opening rules and closures, each
    /// previewed with the office's week, and the catalogue's audit trail.
    func registerCatalogueHoursPages(on builder: RouterBuilder) {
        registerOfficeItemPages(RuleForm.self, on: builder)
        registerOfficeItemPages(ClosureForm.self, on: builder)
        registerCatalogueAudit(on: builder)
    }
}
