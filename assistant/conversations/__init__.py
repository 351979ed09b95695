"""What citizens asked and what the assistant answered, turn by turn, with personal
data masked before it is stored; read by staff in the console."""
