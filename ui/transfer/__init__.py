"""File > Import and File > Export: the command line's choices in dialogs, the work off the GUI thread."""

from ui.transfer.export_dialog import ExportDialog, export_dialog
from ui.transfer.import_dialog import ImportDialog, import_dialog

__all__ = ["ExportDialog", "ImportDialog", "export_dialog", "import_dialog"]
