import Core
import Mail
import Templating
@testable import WebApp

extension APIRouterApp {
    /// The composer as the server builds it, with the project's templates and texts, on this app's catalogue.
    func mailComposer() throws -> MailComposer {
        let templates = PageTestApp.root.appendingPathComponent("Templates").path
        return MailComposer(templates: try TemplateLibrary(directory: templates),
                            translations: try Translations(directory: templates + "/i18n"),
                            sender: try MailAddress("termine@stadt.example", name: "Terminbuch"),
                            publicURL: try PublicURL(parsing: "https://termine.stadt.example"),
                            catalogue: { [useCases = application.useCases] in try useCases.catalogue() })
    }
}
