import subprocess
import sys
from pathlib import Path

import chiso.engine


def test_no_engine_module_imports_django():
    modules = sorted(p.stem for p in Path(chiso.engine.__file__).parent.glob("*.py"))
    code = (
        "import sys\n"
        + "".join(f"import chiso.engine.{m}\n" for m in modules)
        + "print(any(name == 'django' or name.startswith('django.') for name in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    assert len(modules) >= 9
