import Foundation
import Model
import Store
import Terminal

/// Everything that can happen to the app: input, time, and the results of effects.
public enum Msg: Sendable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(Size)
  case tick(Date)
  /// A board arrived; focus the deal with `focusDealId` if it is on it.
  case boardLoaded(Board?, pipelines: [Pipeline], focusDealId: String?, status: StatusMessage?)
  case detailLoaded(DealDetail)
  case failed(String)
  case hangup
}

/// Work for the runtime: store reads and writes run off the UI and come back as a `Msg`.
public enum Effect: Sendable, Equatable {
  case loadBoard(pipelineId: String?, focusDealId: String?)
  case moveDeals([String], toStageId: String, lostReason: String?)
  case stepDeals([String], by: Int)
  case reorderDeal(String, by: Int)
  case deleteDeals([String])
  case createDeal(DealDraft)
  case editDeal(String, DealChanges)
  case loadDetail(String)
  case undo
  case redo
  case bell
  case quit
}

extension DealDraft: Equatable {
  public static func == (a: DealDraft, b: DealDraft) -> Bool {
    a.title == b.title && a.value == b.value && a.pipeline == b.pipeline && a.stage == b.stage
      && a.closeDate == b.closeDate && a.priority == b.priority
  }
}

extension DealChanges: Equatable {
  public static func == (a: DealChanges, b: DealChanges) -> Bool {
    a.title == b.title && a.value == b.value && a.closeDate == b.closeDate
      && a.priority == b.priority
  }
}
