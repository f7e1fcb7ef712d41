"""Common given names, used to spot a person named in a claim who is nowhere in the records.

Names that are also everyday words or months (May, Will, Grant, Mark, Bill, Rose, June...) are left
out on purpose: a false alarm on a correct claim costs more than a missed invented name.
"""

from __future__ import annotations

from tools.verify.text import wordset

GIVEN_NAMES = wordset(
    """
    Aaron Abdul Abigail Adam Adrian Ahmed Aisha Alan Albert Alejandro Alex Alexander Alexandra Alice Alicia
    Alison Amanda Amelia Amir Amit Amy Ana Andre Andrea Andrew Andy Angela Anil Anita Anna Anne Anthony Antonio
    Arjun Arthur Ashley Barbara Beatriz Ben Benjamin Beth Betty Brandon Brenda Brian Bruno Camila Carla Carlos
    Carmen Carol Caroline Catherine Charles Charlotte Chen Chloe Chris Christian Christina Christine
    Christopher Claire Clara Craig Cynthia Daniel Daniela Danielle Darren David Deborah Debra Denise Dennis
    Diana Diego Dimitri Donald Donna Dorothy Douglas Dylan Edward Elena Eli Elif Elizabeth Ella Ellen Emily
    Emma Eric Erik Ethan Eva Fatima Felipe Fernando Fiona Francesca Francisco Gabriel Gabriela Gary George
    Giulia Gloria Greg Gregory Hannah Hans Harold Harry Hassan Heather Helen Henry Hiroshi Hugo Ian Ibrahim
    Ingrid Irene Isabel Isabella Jacob James Jamie Jane Janet Jason Javier Jeffrey Jennifer Jeremy Jessica
    Joan Joanna Joe John Jonathan Jorge Jose Joseph Joshua Juan Julia Julie Justin Karen Karl Kate Katherine
    Kathleen Kathryn Kenji Kenneth Kevin Kim Kimberly Klaus Kyle Laura Lauren Leo Leon Li Linda Lisa Liam
    Lucas Lucia Luis Luke Maria Marco Margaret Marie Marina Mario Marta Martin Mary Matthew Megan Mehmet
    Melissa Mia Michael Michelle Miguel Mohammed Muhammad Nadia Nancy Natalie Nathan Nicholas Nicole Nikhil
    Nina Noah Olga Oliver Olivia Omar Oscar Pablo Pamela Paolo Patricia Patrick Paul Paula Pedro Peter
    Philip Pierre Priya Rachel Rafael Rahul Raj Rajesh Ramon Rebecca Ricardo Richard Robert Roberto Ruth
    Ryan Sabrina Samantha Samuel Sandra Sanjay Sara Sarah Scott Sean Sebastian Sergei Sharon Shirley Simon
    Sofia Sophia Sophie Stephanie Stephen Steven Susan Tanya Teresa Thomas Timothy Tom Tomas Tyler Valentina
    Vanessa Victoria Vikram Vincent Virginia Wei Wendy William Xavier Yasmin Yuki Yusuf Zoe
    """
)
