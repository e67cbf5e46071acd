import GRDB
import Model

/// The kinds of record the change log speaks of, with the table each lives in. The raw value
/// is the entity name written in the change log and on the wire.
public enum Entity: String, CaseIterable, Sendable, Codable {
  case user, pipeline, stage, deal, stageChange, contact, company, activity, note, dealContact
  /// A saved report of the report builder.
  case report

  public var table: String {
    switch self {
    case .user: return "users"
    case .pipeline: return "pipelines"
    case .stage: return "stages"
    case .deal: return "deals"
    case .stageChange: return "stage_changes"
    case .contact: return "contacts"
    case .company: return "companies"
    case .activity: return "activities"
    case .note: return "notes"
    case .dealContact: return "deal_contacts"
    case .report: return "saved_reports"
    }
  }

  /// Append-only entities: their rows are never edited, only added (and tombstoned).
  public var isAppendOnly: Bool { self == .stageChange }
}

/// A Model value stored as one row of an entity's table.
protocol StoredRecord: Codable, FetchableRecord, PersistableRecord, Identifiable
where ID == String {
  static var entity: Entity { get }
}

extension User: StoredRecord {
  static let entity = Entity.user
  public static let databaseTableName = Entity.user.table
}

extension Pipeline: StoredRecord {
  static let entity = Entity.pipeline
  public static let databaseTableName = Entity.pipeline.table
}

extension Stage: StoredRecord {
  static let entity = Entity.stage
  public static let databaseTableName = Entity.stage.table
}

extension Deal: StoredRecord {
  static let entity = Entity.deal
  public static let databaseTableName = Entity.deal.table
}

extension StageChange: StoredRecord {
  static let entity = Entity.stageChange
  public static let databaseTableName = Entity.stageChange.table
}

extension Contact: StoredRecord {
  static let entity = Entity.contact
  public static let databaseTableName = Entity.contact.table
}

extension Company: StoredRecord {
  static let entity = Entity.company
  public static let databaseTableName = Entity.company.table
}

extension Activity: StoredRecord {
  static let entity = Entity.activity
  public static let databaseTableName = Entity.activity.table
}

extension Note: StoredRecord {
  static let entity = Entity.note
  public static let databaseTableName = Entity.note.table
}

extension DealContact: StoredRecord {
  static let entity = Entity.dealContact
  public static let databaseTableName = Entity.dealContact.table
}
