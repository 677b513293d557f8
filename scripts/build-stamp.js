// Records when the build last ran, so `npm run audit` rebuilds only when sources changed.
'use strict';
require('fs').writeFileSync(require('path').join(__dirname, '..', 'dist', '.build-stamp'), new Date().toISOString());
