import Foundation

/// Word lists the generator draws from. Names repeat, as in a real address book, so prefix
/// searches match hundreds or thousands of contacts.
enum Fixtures {
  static let firstNames = [
    "Aaron", "Abigail", "Adam", "Adele", "Ahmed", "Aisha", "Alan", "Alba", "Alexander", "Alice",
    "Amara", "Amelia", "Ana", "Andrea", "Andrew", "Anja", "Anna", "Antoine", "Arjun", "Astrid",
    "Ben", "Bianca", "Björn", "Brian", "Bruno", "Camille", "Carlos", "Caroline", "Charlotte",
    "Chen", "Chloé", "Chris", "Claire", "Clara", "Daniel", "Daria", "David", "Diego", "Dmitri",
    "Elena", "Elif", "Eliza", "Emil", "Emily", "Emma", "Eric", "Erik", "Esther", "Eva", "Fatima",
    "Felix", "Finn", "Florian", "Francesca", "Gabriel", "George", "Grace", "Hannah", "Hans",
    "Harper", "Helena", "Hiro", "Ibrahim", "Ines", "Ingrid", "Isaac", "Isabel", "Ivan", "Jack",
    "James", "Jana", "Javier", "Jonas", "José", "Julia", "Kai", "Kara", "Karim", "Katarina",
    "Kenji", "Klara", "Lars", "Laura", "Lea", "Leon", "Liam", "Lina", "Lucas", "Luis", "Maja",
    "Marco", "Maria", "Mateo", "Maya", "Mia", "Michael", "Mohammed", "Nadia", "Nina", "Noah",
    "Nora", "Olga", "Oliver", "Omar", "Oscar", "Paul", "Pedro", "Priya", "Quinn", "Rafael",
    "Rosa", "Ruth", "Sara", "Sebastian", "Sofia", "Sven", "Tara", "Theo", "Thomas", "Umar",
    "Valentina", "Vera", "Victor", "Wei", "William", "Xavier", "Yara", "Yusuf", "Zoe",
  ]

  static let lastNames = [
    "Abbott", "Adler", "Alvarez", "Andersen", "Bauer", "Becker", "Bennett", "Berg", "Bianchi",
    "Brown", "Castillo", "Chen", "Cohen", "Costa", "Dubois", "Demir", "Diaz", "Eriksson",
    "Evans", "Fischer", "Fontaine", "García", "Gomez", "Green", "Haddad", "Hansen", "Hughes",
    "Ivanova", "Jansen", "Johnson", "Jones", "Kaur", "Keller", "Kim", "Koch", "Kowalski",
    "Larsen", "Laurent", "Lee", "Lindqvist", "Lopez", "Martin", "Meyer", "Moreau", "Müller",
    "Murphy", "Nakamura", "Nguyen", "Nielsen", "Novak", "O'Brien", "Okafor", "Olsen", "Patel",
    "Petrov", "Popescu", "Quintero", "Rossi", "Russo", "Santos", "Schmidt", "Schneider",
    "Silva", "Singh", "Smith", "Suzuki", "Tanaka", "Taylor", "Thompson", "Novotná", "Wagner",
    "Walker", "Wang", "Weber", "Williams", "Wilson", "Wójcik", "Yılmaz", "Young", "Zhang",
  ]

  static let titles = [
    "CEO", "CFO", "CTO", "COO", "Head of Operations", "Procurement Lead", "Office Manager",
    "Sales Director", "IT Manager", "Marketing Lead", "Purchasing Agent", "Founder",
    "Head of Finance", "Project Manager", "Engineer",
  ]

  static let tags = [
    "decision-maker", "newsletter", "vip", "champion", "technical", "billing", "partner",
    "event-2024", "webinar", "trial", "churn-risk", "reference",
  ]

  static let companyWords = [
    "Acme", "Apex", "Atlas", "Aurora", "Beacon", "Blue", "Bright", "Cedar", "Cobalt", "Copper",
    "Crest", "Delta", "Eagle", "Echo", "Ember", "Evergreen", "Falcon", "Fjord", "Granite",
    "Harbor", "Horizon", "Iris", "Juniper", "Kestrel", "Lumen", "Maple", "Meridian", "Nimbus",
    "Northwind", "Oak", "Orbit", "Pioneer", "Quartz", "Redwood", "Sierra", "Silver", "Summit",
    "Tidal", "Vertex", "Willow",
  ]

  static let companySuffixes = [
    "Logistics", "Health", "Print Works", "Schools", "Aero", "Legal", "Coffee", "Biotech",
    "Hotels", "Energy", "Studios", "Systems", "Foods", "Labs", "Motors", "Capital", "Retail",
    "Media", "Analytics", "Robotics",
  ]

  static let industries = [
    "Logistics", "Healthcare", "Manufacturing", "Education", "Aerospace", "Legal", "Retail",
    "Biotech", "Hospitality", "Energy", "Media", "Software", "Finance", "Food", "Automotive",
  ]

  static let cities = [
    "Amsterdam", "Berlin", "Boston", "Lisbon", "London", "Lyon", "Madrid", "München", "Oslo",
    "Paris", "Portland", "Rotterdam", "Seattle", "Stockholm", "Tokyo", "Toronto", "Vienna",
    "Warsaw", "Zürich",
  ]

  static let products = [
    "fleet tracking", "annual licence", "support plan", "onboarding package", "50 seats",
    "data migration", "pilot programme", "renewal", "upgrade to Pro", "training days",
    "integration project", "hardware refresh", "consulting block", "expansion",
  ]

  static let lostReasons = [
    "Price too high", "Chose a competitor", "No budget this year", "No response",
    "Project cancelled",
  ]

  static let activityTitles = [
    "Follow-up call", "Send proposal", "Demo", "Quarterly review", "Contract review",
    "Intro meeting", "Check in", "Send pricing", "Onsite visit", "Kick-off",
  ]

  static let users = [
    ("Priya Nair", "manager"), ("Marco Rossi", "rep"), ("Lena Fischer", "rep"),
    ("Tom Baker", "rep"), ("Aiko Sato", "rep"), ("Omar Haddad", "manager"),
    ("Sofia Lind", "rep"), ("Jonas Berg", "rep"),
  ]

  /// `name` folded to lower-case ASCII letters, for addresses and domains.
  static func ascii(_ name: String) -> String {
    String(
      name.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        .unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init))
  }
}
