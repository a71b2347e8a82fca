"""Uploads: Koppel only takes CSV files (the imports), at most KOPPEL_MAX_UPLOAD_BYTES.

Django limits form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not files. The handler below
keeps at most the limit plus one byte of a file, and counts the rest, so the import form can
name the real size in its message while a huge upload never fills memory or disk."""

from io import BytesIO
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext_lazy as _

CSV_EXTENSIONS = {".csv", ".txt"}


class CappedUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = BytesIO()
        self.room = settings.KOPPEL_MAX_UPLOAD_BYTES + 1

    def receive_data_chunk(self, raw_data, start):
        if self.room > 0:
            kept = raw_data[:self.room]
            self.file.write(kept)
            self.room -= len(kept)
        return None

    def file_complete(self, file_size):
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file, field_name=self.field_name, name=self.file_name,
            content_type=self.content_type, size=file_size, charset=self.charset,
            content_type_extra=self.content_type_extra)


def validate_csv_upload(upload) -> None:
    """Size and type of an import file, with a message the coordinator understands. The
    content is checked by the CSV reader (core.csvio): binary files, encodings, columns."""
    limit = settings.KOPPEL_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise forms.ValidationError(
            _("Het bestand is te groot (%(size)s MB); het maximum is %(max)s MB.")
            % {"size": round(upload.size / 1024 / 1024, 1), "max": round(limit / 1024 / 1024, 1)})
    if PurePath(upload.name or "").suffix.lower() not in CSV_EXTENSIONS:
        raise forms.ValidationError(_("Dit is geen CSV-bestand: alleen CSV-bestanden (.csv) "
                                      "kunnen worden ingelezen. Sla het bestand op als "
                                      "'CSV UTF-8' en kies het opnieuw."))
