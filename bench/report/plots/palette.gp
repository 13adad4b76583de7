# SPDX-License-Identifier: GPL-2.0
#
# The figures' line styles (load plots.'/palette.gp'): one of nine colours
# (Okabe-Ito and black) and, past the ninth, a dash, by a variant's place
# I (from 1) among all the run's variants, so that a variant looks the same
# on every figure of the run.
colours = "#000000 #E69F00 #56B4E9 #009E73 #D55E00 #0072B2 #CC79A7 #999999 #F0E442"
colour(i) = word(colours, (int(i) - 1) % 9 + 1)
dash(i) = (int(i) - 1) / 9 + 1
