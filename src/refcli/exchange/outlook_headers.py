"""Outlook's CSV export in each language it is used in most by ref's users: the header names
Outlook writes (as Roundcube's localisation files `csv2vcard.inc` list them for English, German,
French, Spanish and Italian, and Open-Xchange's CSV importer test for Dutch), and the default
values Outlook fills in when a field is empty ("Unspecified", "Normal", "0/0/00")."""

from __future__ import annotations

from refcli.exchange.dialect_shape import Dialect, norm


def _outlook(
    lang: str,
    *,
    names: dict[str, str],
    phones: dict[str, str],
    emails: tuple[str, ...],
    echoes: tuple[str, ...] = (),
    addresses: dict[str, tuple[str, ...]],
    other: dict[str, str],
    signs: tuple[str, ...],
    defaults: tuple[str, ...] = (),
    day_first: bool = True,
) -> Dialect:
    columns = {norm(h): kind for h, kind in names.items()}
    columns |= {norm(h): f"phone:{label}" if label else "phone" for h, label in phones.items()}
    columns |= {norm(h): "email" for h in emails} | {norm(h): "echo" for h in echoes}
    for group, headers in addresses.items():
        columns |= {norm(h): f"address:{group}" for h in headers}
    columns |= {norm(h): kind for h, kind in other.items()}
    placeholders = ("unspecified", "normal", "false", "0/0/00", "00.00.0000", "0.0.00", "0-0-00", *defaults)
    signed = tuple(norm(s) for s in signs)
    return Dialect("Outlook", "outlook", signed, columns, frozenset(placeholders), day_first, variant=lang)


# fmt: off
OUTLOOK_EN = _outlook(
    "English",
    names={
        "Title": "prefix", "First Name": "given", "Middle Name": "middle", "Last Name": "family", "Suffix": "suffix",
        "Company": "company", "Job Title": "title", "Nickname": "nickname", "Display Name": "name",
    },
    phones={
        "Assistant's Phone": "assistant", "Business Fax": "work fax", "Business Phone": "work",
        "Business Phone #": "work", "Callback": "callback", "Car Phone": "car", "Company Main Phone": "work",
        "Home Fax": "home fax", "Home Phone": "home", "Home Phone #": "home", "ISDN": "isdn",
        "Mobile Phone": "mobile", "Other Fax": "fax", "Other Phone": "other", "Pager": "pager", "Primary Phone": "",
        "Radio Phone": "radio", "TTY/TDD Phone": "textphone", "Telex": "telex",
    },
    emails=("E-mail Address", "E-mail # Address"),
    echoes=("E-mail Type", "E-mail # Type", "E-mail Display Name", "E-mail # Display Name"),
    addresses={
        "work": (
            "Business Street", "Business Street #", "Business City", "Business State", "Business Postal Code",
            "Business Country/Region", "Business Address PO Box",
        ),
        "home": (
            "Home Street", "Home Street #", "Home City", "Home State", "Home Postal Code", "Home Country/Region",
            "Home Address PO Box",
        ),
        "other": (
            "Other Street", "Other Street #", "Other City", "Other State", "Other Postal Code",
            "Other Country/Region", "Other Address PO Box",
        ),
    },
    other={
        "Birthday": "birthday", "Anniversary": "anniversary", "Categories": "tags", "Notes": "notes",
        "Web Page": "url",
    },
    signs=(
        "E-mail Display Name", "Business Street", "Business Country/Region", "Home Country/Region",
        "Company Main Phone", "Assistant's Phone",
    ),
    day_first=False,
)

OUTLOOK_DE = _outlook(
    "German",
    names={
        "Anrede": "prefix", "Vorname": "given", "Weitere Vornamen": "middle", "Nachname": "family",
        "Suffix": "suffix", "Firma": "company", "Position": "title", "Spitzname": "nickname",
    },
    phones={
        "Telefon Assistent": "assistant", "Fax geschäftlich": "work fax", "Telefon geschäftlich": "work",
        "Telefon geschäftlich #": "work", "Rückmeldung": "callback", "Autotelefon": "car", "Telefon Firma": "work",
        "Fax privat": "home fax", "Telefon privat": "home", "Telefon privat #": "home", "ISDN": "isdn",
        "Mobiltelefon": "mobile", "Mobiltelefon #": "mobile", "Weiteres Fax": "fax", "Weiteres Telefon": "other",
        "Pager": "pager", "Haupttelefon": "", "Funkruf": "radio", "Telefon für Hörbehinderte": "textphone",
        "Telex": "telex",
    },
    emails=("E-Mail-Adresse", "E-Mail # Adresse", "E-Mail #: Adresse"),
    echoes=("E-Mail-Typ", "E-Mail # Typ", "E-Mail #: Typ", "E-Mail: Angezeigter Name", "E-Mail #: Angezeigter Name"),
    addresses={
        "work": (
            "Straße geschäftlich", "Straße geschäftlich #", "Ort geschäftlich", "Region geschäftlich",
            "Postleitzahl geschäftlich", "Land/Region geschäftlich", "Land geschäftlich", "Postfach geschäftlich",
        ),
        "home": (
            "Straße privat", "Straße privat #", "Ort privat", "Region privat", "Postleitzahl privat",
            "Land/Region privat", "Land privat", "Postfach privat",
        ),
        "other": (
            "Weitere Straße", "Weitere Straße #", "Weiterer Ort", "Weitere Region", "Weitere Postleitzahl",
            "Weiteres/r Land/Region", "Weiteres Land", "Weiteres Postfach",
        ),
    },
    other={
        "Geburtstag": "birthday", "Jahrestag": "anniversary", "Kategorien": "tags", "Notizen": "notes",
        "Webseite": "url",
    },
    signs=("E-Mail-Adresse", "Telefon geschäftlich", "Straße geschäftlich", "Weitere Vornamen", "Mobiltelefon"),
    defaults=("unbekannt", "normal", "aus", "falsch"),
)

OUTLOOK_FR = _outlook(
    "French",
    names={
        "Titre": "prefix", "Prénom": "given", "Deuxième prénom": "middle", "Nom": "family", "Suffixe": "suffix",
        "Société": "company", "Fonction": "title", "Profession": "title", "Surnom": "nickname",
    },
    phones={
        "Téléphone de l'assistant(e)": "assistant", "Télécopie (bureau)": "work fax", "Téléphone (bureau)": "work",
        "Téléphone # (bureau)": "work", "Rappel": "callback", "Téléphone (voiture)": "car",
        "Téléphone société": "work", "Télécopie (domicile)": "home fax", "Téléphone (domicile)": "home",
        "Téléphone # (domicile)": "home", "RNIS": "isdn", "Tél. mobile": "mobile", "Télécopie (autre)": "fax",
        "Téléphone (autre)": "other", "Récepteur de radiomessagerie": "pager", "Téléphone principal": "",
        "Radio téléphone": "radio", "Téléphone TDD/TTY": "textphone", "Télex": "telex",
    },
    emails=("Adresse de messagerie", "Adresse de messagerie #"),
    echoes=(
        "Type de messagerie", "Type de messagerie #", "Nom complet de l'adresse de messagerie",
        "Nom complet de l'adresse de messagerie #",
    ),
    addresses={
        "work": (
            "Rue (bureau)", "Rue (bureau) #", "Ville (bureau)", "Dép/Région (bureau)", "Code postal (bureau)",
            "Pays/Région (bureau)", "B.P. professionnelle",
        ),
        "home": (
            "Rue (domicile)", "Rue (domicile) #", "Ville (domicile)", "Dép/Région (domicile)",
            "Code postal (domicile)", "Pays/Région (domicile)", "B.P. domicile",
        ),
        "other": (
            "Rue (autre)", "Rue (autre) #", "Ville (autre)", "Dép/Région (autre)", "Code postal (autre)",
            "Pays/Région (autre)", "B.P. (autre)",
        ),
    },
    other={
        "Anniversaire": "birthday", "Anniversaire de mariage ou fête": "anniversary", "Catégories": "tags",
        "Notes": "notes", "Page Web": "url",
    },
    signs=("Adresse de messagerie", "Téléphone (bureau)", "Rue (bureau)", "Deuxième prénom", "Tél. mobile"),
    defaults=("non spécifié", "faux"),
)

OUTLOOK_ES = _outlook(
    "Spanish",
    names={
        "Tratamiento": "prefix", "Nombre": "given", "Segundo nombre": "middle", "Apellidos": "family",
        "Sufijo": "suffix", "Organización": "company", "Compañía": "company", "Puesto": "title", "Apodo": "nickname",
    },
    phones={
        "Teléfono del ayudante": "assistant", "Fax del trabajo": "work fax", "Teléfono del trabajo": "work",
        "Teléfono del trabajo #": "work", "Devolución de llamada": "callback", "Teléfono del automóvil": "car",
        "Número de centralita de la organización": "work", "Fax particular": "home fax", "Particular": "home",
        "Número de teléfono particular #": "home", "RDSI": "isdn", "Teléfono móvil": "mobile", "Otro fax": "fax",
        "Otro teléfono": "other", "Localizador": "pager", "Buscapersonas": "pager", "Teléfono principal": "",
        "Radioteléfono": "radio", "Número de teletipo": "telex",
    },
    emails=(
        "Dirección de correo electrónico", "Dirección de correo electrónico #", "Dirección del correo electrónico #",
    ),
    echoes=(
        "Tipo de correo electrónico", "Tipo de correo electrónico #", "Nombre para mostrar del correo electrónico",
        "Nombre para mostrar del correo electrónico #",
    ),
    addresses={
        "work": (
            "Calle del trabajo", "Calle del trabajo #", "Ciudad de trabajo", "Provincia o estado de trabajo",
            "Código postal del trabajo", "País o región del trabajo", "Apartado postal del trabajo",
        ),
        "home": (
            "Calle del domicilio", "Calle del domicilio #", "Ciudad de residencia",
            "Provincia o estado de residencia", "Código postal de residencia", "País o región del domicilio",
            "Apartado postal del domicilio",
        ),
        "other": (
            "Otra calle", "Otra calle #", "Otra ciudad", "Otra provincia o estado", "Otro código postal",
            "Otro país o región", "Otro apartado postal",
        ),
    },
    other={
        "Cumpleaños": "birthday", "Aniversario": "anniversary", "Categorías": "tags", "Notas": "notes",
        "Página web": "url",
    },
    signs=("Dirección de correo electrónico", "Teléfono del trabajo", "Calle del trabajo", "Segundo nombre"),
    defaults=("sin especificar", "falso"),
)

OUTLOOK_IT = _outlook(
    "Italian",
    names={
        "Titolo": "prefix", "Nome": "given", "Secondo nome": "middle", "Cognome": "family", "Suffisso": "suffix",
        "Società": "company", "Posizione": "title", "Qualifica": "title", "Soprannome": "nickname",
    },
    phones={
        "Telefono assistente": "assistant", "Telefono dell'assistente": "assistant", "Fax (uff.)": "work fax",
        "Fax di lavoro": "work fax", "Ufficio": "work", "Telefono di lavoro": "work", "Telefono di lavoro #": "work",
        "Ufficio #": "work", "Richiamata automatica": "callback", "Telefono auto": "car", "Telefono dell'auto": "car",
        "Telefono principale società": "work", "Fax (ab.)": "home fax", "Fax di casa": "home fax",
        "Abitazione": "home", "Telefono di casa": "home", "Abitazione #": "home", "Telefono di casa #": "home",
        "ISDN": "isdn", "Cellulare": "mobile", "Telefono mobile": "mobile", "Altro fax": "fax", "Fax altro": "fax",
        "Altro telefono": "other", "Cercapersone": "pager", "Numero cercapersone": "pager", "Telefono principale": "",
        "Radiotelefono": "radio", "Telefono TTY/TDD": "textphone", "Telex": "telex",
    },
    emails=("Indirizzo posta elettronica", "Indirizzo posta elettronica #", "Indirizzo e-mail", "Indirizzo e-mail #"),
    echoes=(
        "Tipo posta elettronica", "Tipo posta elettronica #", "Nome visualizzato posta elettronica",
        "Nome visualizzato posta elettronica #",
    ),
    addresses={
        "work": (
            "Via (uff.)", "Via (uff.) #", "Città (uff.)", "Provincia (uff.)", "CAP (uff.)", "Paese/area (uff.)",
            "Indirizzo di lavoro", "Città di lavoro", "Provincia di lavoro", "CAP di lavoro",
            "Nazione/Regione di lavoro", "Casella postale (uff.)",
        ),
        "home": (
            "Via (ab.)", "Via (ab.) #", "Città (ab.)", "Provincia (ab.)", "CAP (ab.)", "Paese/area (ab.)",
            "Indirizzo di casa", "Città di residenza", "Provincia di residenza", "CAP di casa",
            "Nazione/Regione di casa", "Casella postale (ab.)",
        ),
        "other": (
            "Altra via", "Altra via #", "Altra città", "Altra provincia", "Altro CAP", "Altro paese/area",
            "Via altro", "Città altro", "Stato altro", "CAP postale altro", "Nazione/Regione altro",
        ),
    },
    other={
        "Compleanno": "birthday", "Anniversario": "anniversary", "Categorie": "tags", "Note": "notes",
        "Notes": "notes", "Pagina Web": "url",
    },
    signs=("Indirizzo posta elettronica", "Indirizzo e-mail", "Telefono di lavoro", "Via (uff.)", "Cognome"),
    defaults=("non specificato", "normale", "falso"),
)

OUTLOOK_NL = _outlook(
    "Dutch",
    names={
        "Titel": "prefix", "Voornaam": "given", "Middelste naam": "middle", "Achternaam": "family",
        "Achtervoegsel": "suffix", "Bedrijf": "company", "Functie": "title", "Bijnaam": "nickname",
    },
    phones={
        "Telefoon assistent": "assistant", "Fax op werk": "work fax", "Telefoon op werk": "work",
        "Telefoon op werk #": "work", "Terugbellen": "callback", "Autotelefoon": "car",
        "Hoofdtelefoon bedrijf": "work", "Fax thuis": "home fax", "Telefoon thuis": "home",
        "Telefoon thuis #": "home", "ISDN": "isdn", "Mobiele telefoon": "mobile", "Andere fax": "fax",
        "Andere telefoon": "other", "Pager": "pager", "Hoofdtelefoon": "", "Radiotelefoon": "radio",
        "Teksttelefoon": "textphone", "Telex": "telex",
    },
    emails=("E-mailadres", "E-mailadres #"),
    echoes=("E-mailtype", "E-mailtype #", "Weergavenaam voor e-mail", "E-mail, weergegeven naam #"),
    addresses={
        "work": (
            "Werkadres, straat", "Werkadres #, straat", "Werkadres, plaats", "Werkadres, provincie",
            "Werkadres, postcode", "Land/regio (werk)", "Werkadres, postbusnummer",
        ),
        "home": (
            "Huisadres, straat", "Huisadres, straat #", "Huisadres, plaats", "Huisadres, provincie",
            "Huisadres, postcode", "Land/regio (thuis)", "Huisadres, postbusnummer",
        ),
        "other": (
            "Ander adres, straat", "Ander adres, straat #", "Ander adres, plaats", "Ander adres, provincie",
            "Ander adres, postcode", "Land/regio (anders)", "Ander adres, postbusnummer",
        ),
    },
    other={
        "Verjaardag": "birthday", "Speciale datum": "anniversary", "Categorien": "tags", "Categorieën": "tags",
        "Notities": "notes", "Webpagina": "url",
    },
    signs=("E-mailadres", "Telefoon op werk", "Werkadres, straat", "Middelste naam", "Mobiele telefoon"),
    defaults=("niet-gespecificeerd", "normaal", "onwaar"),
)
# fmt: on
