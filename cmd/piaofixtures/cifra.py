"""Save office files with a password through LibreOffice (UNO), for the
importer's tests of password-protected files.

    /usr/bin/python3 cifra.py PROFILE_DIR PASSWORD IN OUT [IN OUT ...]

The output's format follows its extension. LibreOffice 7.4 encrypts an
OpenDocument file so (the manifest gets its encryption data); it writes
OOXML without a password through this call, so the encrypted workbook is
written by excelize instead (see special.go).
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


FILTERS = {".docx": "MS Word 2007 XML", ".odt": "writer8", ".xlsx": "Calc MS Excel 2007 XML", ".ods": "calc8"}


def main():
    profile, password, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
    pipe = "piaofixtures%d" % os.getpid()
    office = subprocess.Popen(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--invisible",
                               "--accept=pipe,name=%s;urp;" % pipe])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(100):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.2)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        for src, dst in zip(pairs[0::2], pairs[1::2]):
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),))
            ext = os.path.splitext(dst)[1]
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", FILTERS[ext]), prop("Password", password)))
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        office.wait(timeout=30)


main()
