import Scheduling

/// The demo catalogue of services (Dienstleistungen). Fees follow the
/// federal and Bremen fee schedules as of 2025 where those set them;
/// the others are plausible demo values. Texts are German because citizens
/// read them as they are: they are catalogue data, not UI strings.
///
/// There is no `kinderreisepass`: the Kinderreisepass was abolished on
/// 1 January 2024, and a demo that offers it would look wrong to any clerk.
extension DemoData {
    /// Seit 1. Mai 2025 nimmt die Behörde nur noch digitale Passbilder an.
    private static let digitalPhoto = "Biometrisches Passbild in digitaler Form: E-Passbild-Code eines Fotostudios oder Aufnahme am Selbstbedienungsterminal vor Ort"
    private static let identityDocument = "Personalausweis oder Reisepass"

    static let services: [Service] = citizensServices + vehicleServices + licenceServices

    static let citizensServices: [Service] = [
        Service(
            id: "personalausweis", name: "Personalausweis beantragen",
            description: "Neuer Personalausweis für Erwachsene und Kinder; fertig nach etwa drei bis vier Wochen. Gebühr 37,00 €, für Antragstellende unter 24 Jahren 22,80 €. Jede Person muss persönlich erscheinen, auch Kinder.",
            baseMinutes: 15, minutesPerExtraUnit: 10, maxQuantity: 4, feeCents: 3700,
            documents: ["Bisheriger Personalausweis oder Reisepass, auch wenn abgelaufen", digitalPhoto,
                        "Geburts- oder Eheurkunde, wenn Sie zum ersten Mal einen Ausweis beantragen oder sich Ihr Name geändert hat",
                        "Für Kinder unter 16 Jahren: Zustimmung aller Sorgeberechtigten und deren Ausweise"]),
        Service(
            id: "reisepass", name: "Reisepass beantragen",
            description: "Elektronischer Reisepass; fertig nach etwa drei bis vier Wochen, im Expressverfahren gegen Aufpreis schneller. Gebühr 70,00 €, für Antragstellende unter 24 Jahren 37,50 €. Den Kinderreisepass gibt es seit 2024 nicht mehr.",
            baseMinutes: 15, minutesPerExtraUnit: 10, maxQuantity: 4, feeCents: 7000,
            documents: ["Bisheriger Reisepass oder Personalausweis", digitalPhoto,
                        "Geburtsurkunde beim ersten Antrag",
                        "Für Minderjährige: Zustimmung aller Sorgeberechtigten und deren Ausweise"]),
        Service(
            id: "wohnsitz-anmelden", name: "Wohnsitz anmelden",
            description: "Anmeldung nach einem Zuzug oder Umzug innerhalb der Stadt, spätestens zwei Wochen nach dem Einzug. Gebührenfrei. Eine Person kann alle anmelden, die mit ihr einziehen.",
            baseMinutes: 10, minutesPerExtraUnit: 5, maxQuantity: 6, feeCents: 0,
            documents: ["\(identityDocument) aller Personen, die angemeldet werden",
                        "Wohnungsgeberbestätigung, unterschrieben von der Vermieterin oder dem Vermieter",
                        "Für Kinder, die noch nirgends gemeldet sind: Geburtsurkunde"]),
        Service(
            id: "wohnsitz-abmelden", name: "Wohnsitz abmelden",
            description: "Nur nötig, wenn Sie ins Ausland ziehen oder eine Nebenwohnung aufgeben; bei einem Umzug innerhalb Deutschlands melden Sie sich einfach am neuen Wohnort an. Gebührenfrei.",
            baseMinutes: 10, minutesPerExtraUnit: 5, maxQuantity: 6, feeCents: 0,
            documents: ["\(identityDocument) aller Personen, die abgemeldet werden",
                        "Die neue Anschrift, soweit schon bekannt"]),
        Service(
            id: "anwohnerparkausweis", name: "Anwohnerparkausweis beantragen",
            description: "Parkausweis für Bewohnerinnen und Bewohner einer Bewohnerparkzone, gültig ein Jahr. Gebühr 30,00 € je Fahrzeug und Jahr.",
            baseMinutes: 10, minutesPerExtraUnit: 5, maxQuantity: 2, feeCents: 3000,
            documents: ["\(identityDocument) mit Hauptwohnsitz in der Parkzone",
                        "Zulassungsbescheinigung Teil I des Fahrzeugs",
                        "Für Firmen- oder Leasingfahrzeuge: Bescheinigung, dass Sie das Fahrzeug privat nutzen dürfen"]),
        Service(
            id: "meldebescheinigung", name: "Meldebescheinigung ausstellen",
            description: "Bescheinigung Ihrer Anschrift, einfach oder erweitert mit früheren Anschriften. Gebühr 5,00 € je Bescheinigung.",
            baseMinutes: 5, minutesPerExtraUnit: 3, maxQuantity: 4, feeCents: 500,
            documents: [identityDocument,
                        "Für Bescheinigungen anderer Personen: deren Vollmacht und Ausweis"]),
        Service(
            id: "fuehrungszeugnis", name: "Führungszeugnis beantragen",
            description: "Privates oder behördliches Führungszeugnis; das Bundesamt für Justiz schickt es nach etwa zwei Wochen zu. Gebühr 13,00 €, für Ehrenamtliche mit Bestätigung gebührenfrei.",
            baseMinutes: 10, maxQuantity: 1, feeCents: 1300,
            documents: [identityDocument,
                        "Für ein erweitertes Führungszeugnis: die schriftliche Aufforderung der Stelle, die es verlangt",
                        "Für die Gebührenbefreiung: Bestätigung der ehrenamtlichen Tätigkeit"]),
    ]

    static let vehicleServices: [Service] = [
        Service(
            id: "kfz-zulassung-neu", name: "Fahrzeug zulassen (Neuzulassung)",
            description: "Zulassung eines neuen oder aus dem Ausland eingeführten Fahrzeugs mit Zuteilung des Kennzeichens. Gebühr ab 27,60 €, dazu Kennzeichenschilder und gegebenenfalls das Wunschkennzeichen.",
            baseMinutes: 30, minutesPerExtraUnit: 20, maxQuantity: 3, feeCents: 2760,
            documents: ["\(identityDocument); für Firmen zusätzlich Handelsregisterauszug oder Gewerbeanmeldung",
                        "Zulassungsbescheinigung Teil II und Übereinstimmungsbescheinigung (CoC)",
                        "eVB-Nummer Ihrer Kfz-Versicherung",
                        "SEPA-Lastschriftmandat für die Kfz-Steuer",
                        "Bei Vertretung: Vollmacht und Ausweis der vertretenen Person"]),
        Service(
            id: "kfz-umschreibung", name: "Fahrzeug umschreiben (Halterwechsel)",
            description: "Zulassung eines gebrauchten Fahrzeugs auf eine neue Halterin oder einen neuen Halter. Gebühr ab 27,60 €.",
            baseMinutes: 30, minutesPerExtraUnit: 20, maxQuantity: 3, feeCents: 2760,
            documents: [identityDocument,
                        "Zulassungsbescheinigung Teil I und Teil II",
                        "eVB-Nummer Ihrer Kfz-Versicherung",
                        "SEPA-Lastschriftmandat für die Kfz-Steuer",
                        "Die bisherigen Kennzeichenschilder, wenn das Kennzeichen wechselt"]),
        Service(
            id: "kfz-abmeldung", name: "Fahrzeug abmelden (Außerbetriebsetzung)",
            description: "Abmeldung eines zugelassenen Fahrzeugs; Kfz-Steuer und Versicherung enden von selbst. Gebühr 10,70 €.",
            baseMinutes: 15, minutesPerExtraUnit: 10, maxQuantity: 5, feeCents: 1070,
            documents: ["Zulassungsbescheinigung Teil I",
                        "Beide Kennzeichenschilder",
                        "Bei Vertretung: Vollmacht und Ausweis der vertretenen Person"]),
    ]

    static let licenceServices: [Service] = [
        Service(
            id: "fuehrerschein-umtausch", name: "Führerschein umtauschen",
            description: "Umtausch eines Papier- oder älteren Kartenführerscheins in den EU-Kartenführerschein, fristgerecht oder freiwillig. Gebühr 25,60 €. Der neue Führerschein ist nach etwa vier Wochen fertig; bis dahin gilt der alte.",
            baseMinutes: 20, maxQuantity: 1, feeCents: 2560,
            documents: [identityDocument, "Bisheriger Führerschein", digitalPhoto,
                        "Wenn der Führerschein nicht hier ausgestellt wurde: Karteikartenabschrift der ausstellenden Behörde"]),
        Service(
            id: "fuehrerschein-ersatz", name: "Ersatzführerschein bei Verlust oder Diebstahl",
            description: "Neuer Führerschein, wenn der alte verloren oder gestohlen wurde. Gebühr 39,80 €, bei Verlust zuzüglich 30,70 € für die Versicherung an Eides statt.",
            baseMinutes: 30, maxQuantity: 1, feeCents: 3980,
            documents: [identityDocument, digitalPhoto,
                        "Bei Diebstahl: Anzeigebestätigung der Polizei"]),
        Service(
            id: "internationaler-fuehrerschein", name: "Internationalen Führerschein beantragen",
            description: "Internationaler Führerschein für Fahrten außerhalb der EU, gültig drei Jahre; meist sofort zum Mitnehmen. Gebühr 16,50 €.",
            baseMinutes: 15, maxQuantity: 1, feeCents: 1650,
            documents: [identityDocument, "EU-Kartenführerschein", digitalPhoto]),
    ]
}
