import Scheduling

/// The demo catalogue of services (Dienstleistungen). Fees follow the
/// federal and Bremen fee schedules as of 2025 where those set them;
/// the others are plausible demo values. Texts are catalogue data, not UI
/// strings: written in German, with an English translation beside each
/// that English pages show.
///
/// There is no `kinderreisepass`: the Kinderreisepass was abolished on
/// 1 January 2024, and a demo that offers it would look wrong to any clerk.
extension DemoData {
    /// Seit 1. Mai 2025 nimmt die Behörde nur noch digitale Passbilder an.
    private static let digitalPhoto = "Biometrisches Passbild in digitaler Form: E-Passbild-Code eines Fotostudios oder Aufnahme am Selbstbedienungsterminal vor Ort"
    private static let identityDocument = "Personalausweis oder Reisepass"
    private static let digitalPhotoEn = "Biometric passport photo in digital form: an e-photo code from a photo studio, or taken at the self-service terminal on site"
    private static let identityDocumentEn = "Identity card or passport"

    private static func english(_ name: String, _ description: String, _ documents: [String]) -> [String: ServiceTranslation] {
        ["en": ServiceTranslation(name: name, description: description, documents: documents)]
    }

    static let services: [Service] = citizensServices + vehicleServices + licenceServices

    static let citizensServices: [Service] = [
        Service(
            id: "personalausweis", name: "Personalausweis beantragen",
            description: "Neuer Personalausweis für Erwachsene und Kinder; fertig nach etwa drei bis vier Wochen. Gebühr 37,00 €, für Antragstellende unter 24 Jahren 22,80 €. Jede Person muss persönlich erscheinen, auch Kinder.",
            baseMinutes: 15, minutesPerExtraUnit: 10, maxQuantity: 4, feeCents: 3700,
            documents: ["Bisheriger Personalausweis oder Reisepass, auch wenn abgelaufen", digitalPhoto,
                        "Geburts- oder Eheurkunde, wenn Sie zum ersten Mal einen Ausweis beantragen oder sich Ihr Name geändert hat",
                        "Für Kinder unter 16 Jahren: Zustimmung aller Sorgeberechtigten und deren Ausweise"],
            translations: english(
                "Apply for an identity card",
                "New identity card for adults and children; ready after about three to four weeks. Fee €37.00, €22.80 for applicants under 24. Every person must come in person, children too.",
                ["Your current identity card or passport, even if expired",
                 digitalPhotoEn,
                 "Birth or marriage certificate if you are applying for an identity card for the first time or your name has changed",
                 "For children under 16: consent of everyone with parental responsibility, and their identity documents"])),
        Service(
            id: "reisepass", name: "Reisepass beantragen",
            description: "Elektronischer Reisepass; fertig nach etwa drei bis vier Wochen, im Expressverfahren gegen Aufpreis schneller. Gebühr 70,00 €, für Antragstellende unter 24 Jahren 37,50 €. Den Kinderreisepass gibt es seit 2024 nicht mehr.",
            baseMinutes: 15, minutesPerExtraUnit: 10, maxQuantity: 4, feeCents: 7000,
            documents: ["Bisheriger Reisepass oder Personalausweis", digitalPhoto,
                        "Geburtsurkunde beim ersten Antrag",
                        "Für Minderjährige: Zustimmung aller Sorgeberechtigten und deren Ausweise"],
            translations: english(
                "Apply for a passport",
                "Electronic passport; ready after about three to four weeks, faster with the express service for a surcharge. Fee €70.00, €37.50 for applicants under 24. The children's passport (Kinderreisepass) no longer exists since 2024.",
                ["Your current passport or identity card",
                 digitalPhotoEn,
                 "Birth certificate for a first application",
                 "For minors: consent of everyone with parental responsibility, and their identity documents"])),
        Service(
            id: "wohnsitz-anmelden", name: "Wohnsitz anmelden",
            description: "Anmeldung nach einem Zuzug oder Umzug innerhalb der Stadt, spätestens zwei Wochen nach dem Einzug. Gebührenfrei. Eine Person kann alle anmelden, die mit ihr einziehen.",
            baseMinutes: 10, minutesPerExtraUnit: 5, maxQuantity: 6, feeCents: 0,
            documents: ["\(identityDocument) aller Personen, die angemeldet werden",
                        "Wohnungsgeberbestätigung, unterschrieben von der Vermieterin oder dem Vermieter",
                        "Für Kinder, die noch nirgends gemeldet sind: Geburtsurkunde"],
            translations: english(
                "Register your address",
                "Registration after moving to the city or within it, at the latest two weeks after moving in. Free of charge. One person can register everyone who moves in with them.",
                ["\(identityDocumentEn) of everyone being registered",
                 "Landlord's confirmation (Wohnungsgeberbestätigung), signed by the landlord",
                 "For children not yet registered anywhere: birth certificate"])),
        Service(
            id: "wohnsitz-abmelden", name: "Wohnsitz abmelden",
            description: "Nur nötig, wenn Sie ins Ausland ziehen oder eine Nebenwohnung aufgeben; bei einem Umzug innerhalb Deutschlands melden Sie sich einfach am neuen Wohnort an. Gebührenfrei.",
            baseMinutes: 10, minutesPerExtraUnit: 5, maxQuantity: 6, feeCents: 0,
            documents: ["\(identityDocument) aller Personen, die abgemeldet werden",
                        "Die neue Anschrift, soweit schon bekannt"],
            translations: english(
                "Deregister your address",
                "Only needed if you move abroad or give up a secondary residence; when moving within Germany, simply register at your new address. Free of charge.",
                ["\(identityDocumentEn) of everyone being deregistered",
                 "Your new address, if already known"])),
        Service(
            id: "anwohnerparkausweis", name: "Anwohnerparkausweis beantragen",
            description: "Parkausweis für Bewohnerinnen und Bewohner einer Bewohnerparkzone, gültig ein Jahr. Gebühr 30,00 € je Fahrzeug und Jahr.",
            baseMinutes: 10, minutesPerExtraUnit: 5, maxQuantity: 2, feeCents: 3000,
            documents: ["\(identityDocument) mit Hauptwohnsitz in der Parkzone",
                        "Zulassungsbescheinigung Teil I des Fahrzeugs",
                        "Für Firmen- oder Leasingfahrzeuge: Bescheinigung, dass Sie das Fahrzeug privat nutzen dürfen"],
            translations: english(
                "Apply for a residents' parking permit",
                "Parking permit for residents of a residents' parking zone, valid for one year. Fee €30.00 per vehicle and year.",
                ["\(identityDocumentEn) with your main residence in the parking zone",
                 "Registration certificate part I of the vehicle",
                 "For company or leased vehicles: confirmation that you may use the vehicle privately"])),
        Service(
            id: "meldebescheinigung", name: "Meldebescheinigung ausstellen",
            description: "Bescheinigung Ihrer Anschrift, einfach oder erweitert mit früheren Anschriften. Gebühr 5,00 € je Bescheinigung.",
            baseMinutes: 5, minutesPerExtraUnit: 3, maxQuantity: 4, feeCents: 500,
            documents: [identityDocument,
                        "Für Bescheinigungen anderer Personen: deren Vollmacht und Ausweis"],
            translations: english(
                "Get a certificate of registration",
                "Certificate of your address, simple or extended with previous addresses. Fee €5.00 per certificate.",
                [identityDocumentEn,
                 "For certificates of other persons: their power of attorney and identity document"])),
        Service(
            id: "fuehrungszeugnis", name: "Führungszeugnis beantragen",
            description: "Privates oder behördliches Führungszeugnis; das Bundesamt für Justiz schickt es nach etwa zwei Wochen zu. Gebühr 13,00 €, für Ehrenamtliche mit Bestätigung gebührenfrei.",
            baseMinutes: 10, maxQuantity: 1, feeCents: 1300,
            documents: [identityDocument,
                        "Für ein erweitertes Führungszeugnis: die schriftliche Aufforderung der Stelle, die es verlangt",
                        "Für die Gebührenbefreiung: Bestätigung der ehrenamtlichen Tätigkeit"],
            translations: english(
                "Apply for a certificate of good conduct",
                "Private or official certificate of good conduct (Führungszeugnis); the Federal Office of Justice sends it after about two weeks. Fee €13.00, free for volunteers with a confirmation.",
                [identityDocumentEn,
                 "For an extended certificate: the written request of the body that asks for it",
                 "For the fee exemption: confirmation of your volunteer work"])),
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
                        "Bei Vertretung: Vollmacht und Ausweis der vertretenen Person"],
            translations: english(
                "Register a vehicle (new registration)",
                "Registration of a new vehicle or one imported from abroad, with a number plate assigned. Fee from €27.60, plus number plates and a personalised number if wanted.",
                ["\(identityDocumentEn); for companies also a commercial register extract or business registration",
                 "Registration certificate part II and certificate of conformity (CoC)",
                 "eVB number of your motor insurance",
                 "SEPA direct debit mandate for the vehicle tax",
                 "When acting for someone: power of attorney and their identity document"])),
        Service(
            id: "kfz-umschreibung", name: "Fahrzeug umschreiben (Halterwechsel)",
            description: "Zulassung eines gebrauchten Fahrzeugs auf eine neue Halterin oder einen neuen Halter. Gebühr ab 27,60 €.",
            baseMinutes: 30, minutesPerExtraUnit: 20, maxQuantity: 3, feeCents: 2760,
            documents: [identityDocument,
                        "Zulassungsbescheinigung Teil I und Teil II",
                        "eVB-Nummer Ihrer Kfz-Versicherung",
                        "SEPA-Lastschriftmandat für die Kfz-Steuer",
                        "Die bisherigen Kennzeichenschilder, wenn das Kennzeichen wechselt"],
            translations: english(
                "Transfer a vehicle (change of keeper)",
                "Registration of a used vehicle to a new keeper. Fee from €27.60.",
                [identityDocumentEn,
                 "Registration certificate part I and part II",
                 "eVB number of your motor insurance",
                 "SEPA direct debit mandate for the vehicle tax",
                 "The current number plates, if the number changes"])),
        Service(
            id: "kfz-abmeldung", name: "Fahrzeug abmelden (Außerbetriebsetzung)",
            description: "Abmeldung eines zugelassenen Fahrzeugs; Kfz-Steuer und Versicherung enden von selbst. Gebühr 10,70 €.",
            baseMinutes: 15, minutesPerExtraUnit: 10, maxQuantity: 5, feeCents: 1070,
            documents: ["Zulassungsbescheinigung Teil I",
                        "Beide Kennzeichenschilder",
                        "Bei Vertretung: Vollmacht und Ausweis der vertretenen Person"],
            translations: english(
                "Deregister a vehicle (decommissioning)",
                "Deregistration of a registered vehicle; vehicle tax and insurance end by themselves. Fee €10.70.",
                ["Registration certificate part I",
                 "Both number plates",
                 "When acting for someone: power of attorney and their identity document"])),
    ]

    static let licenceServices: [Service] = [
        Service(
            id: "fuehrerschein-umtausch", name: "Führerschein umtauschen",
            description: "Umtausch eines Papier- oder älteren Kartenführerscheins in den EU-Kartenführerschein, fristgerecht oder freiwillig. Gebühr 25,60 €. Der neue Führerschein ist nach etwa vier Wochen fertig; bis dahin gilt der alte.",
            baseMinutes: 20, maxQuantity: 1, feeCents: 2560,
            documents: [identityDocument, "Bisheriger Führerschein", digitalPhoto,
                        "Wenn der Führerschein nicht hier ausgestellt wurde: Karteikartenabschrift der ausstellenden Behörde"],
            translations: english(
                "Exchange a driving licence",
                "Exchange of a paper or older card licence for the EU card driving licence, by the deadline or voluntarily. Fee €25.60. The new licence is ready after about four weeks; until then the old one remains valid.",
                [identityDocumentEn,
                 "Your current driving licence",
                 digitalPhotoEn,
                 "If the licence was not issued here: a record extract (Karteikartenabschrift) from the issuing authority"])),
        Service(
            id: "fuehrerschein-ersatz", name: "Ersatzführerschein bei Verlust oder Diebstahl",
            description: "Neuer Führerschein, wenn der alte verloren oder gestohlen wurde. Gebühr 39,80 €, bei Verlust zuzüglich 30,70 € für die Versicherung an Eides statt.",
            baseMinutes: 30, maxQuantity: 1, feeCents: 3980,
            documents: [identityDocument, digitalPhoto,
                        "Bei Diebstahl: Anzeigebestätigung der Polizei"],
            translations: english(
                "Replace a lost or stolen driving licence",
                "New driving licence if the old one was lost or stolen. Fee €39.80, plus €30.70 for the statutory declaration in lieu of an oath if it was lost.",
                [identityDocumentEn,
                 digitalPhotoEn,
                 "If stolen: the police report confirmation"])),
        Service(
            id: "internationaler-fuehrerschein", name: "Internationalen Führerschein beantragen",
            description: "Internationaler Führerschein für Fahrten außerhalb der EU, gültig drei Jahre; meist sofort zum Mitnehmen. Gebühr 16,50 €.",
            baseMinutes: 15, maxQuantity: 1, feeCents: 1650,
            documents: [identityDocument, "EU-Kartenführerschein", digitalPhoto],
            translations: english(
                "Apply for an international driving permit",
                "International driving permit for driving outside the EU, valid for three years; usually ready to take with you at once. Fee €16.50.",
                [identityDocumentEn,
                 "EU card driving licence",
                 digitalPhotoEn])),
    ]
}
