#!/usr/bin/env bash
# `npm run db:generate`: regenerate the Prisma client (lib/generated/prisma) after editing
# prisma/schema.prisma. Works offline (see docs/architecture.md, "Database migrations"); `npm run up` and `npm test`
# do the same on their own when the schema is newer than the client.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
prisma_generate
