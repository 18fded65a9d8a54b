// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import MicrogridKit

MicrogridCommand.main()
